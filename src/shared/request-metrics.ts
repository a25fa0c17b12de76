import { Counter, type Registry } from 'prom-client';

/** Latency buckets in seconds, as Prometheus `le` bounds. */
const buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface RouteStats {
  /** Per bucket, observations at or below its bound (not yet cumulative) ; the last slot is +Inf. */
  counts: number[];
  sum: number;
  count: number;
  /** Requests by method, then status. */
  requests: Map<string, Map<number, number>>;
}

/**
 * HTTP request counts (method, route, status) and latency histograms (route), recorded into plain
 * maps and turned into Prometheus series only when /metrics is read. prom-client's own
 * inc/observe hash their label objects on every call, which was ~0.8 µs of a ~20 µs cached /daily
 * answer (issue 7); this is three small map lookups (by route, method and status, never by a
 * string built per request: hashing a fresh key showed in the cached path's profile) and a few
 * comparisons.
 */
export class RequestMetrics {
  private readonly routes = new Map<string, RouteStats>();

  constructor(registry: Registry) {
    const routes = this.routes;
    new Counter({
      name: 'mlbrief_http_requests_total',
      help: 'HTTP requests by method, route and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [route, { requests }] of routes) {
          for (const [method, byStatus] of requests) for (const [status, n] of byStatus) this.inc({ method, route, status: String(status) }, n);
        }
      },
    });
    const name = 'mlbrief_http_request_duration_seconds';
    // A metric object prom-client's registry can render (the interface its own metrics implement).
    registry.registerMetric({
      name,
      help: 'HTTP request latency by route.',
      type: 'histogram',
      aggregator: 'sum',
      reset: () => {
        for (const h of routes.values()) {
          h.counts.fill(0);
          h.sum = 0;
          h.count = 0;
        }
      },
      get: async () => ({
        name,
        help: 'HTTP request latency by route.',
        type: 'histogram',
        aggregator: 'sum',
        values: [...routes].filter(([, h]) => h.count > 0).flatMap(([route, h]) => {
          let cumulative = 0;
          const bucketValues = h.counts.map((n, i) => {
            cumulative += n;
            return { metricName: `${name}_bucket`, labels: { le: i < buckets.length ? buckets[i]! : '+Inf', route }, value: cumulative };
          });
          return [
            ...bucketValues,
            { metricName: `${name}_sum`, labels: { route }, value: h.sum },
            { metricName: `${name}_count`, labels: { route }, value: h.count },
          ];
        }),
      }),
    } as never);
  }

  record(method: string, route: string, status: number, seconds: number): void {
    let h = this.routes.get(route);
    if (!h) this.routes.set(route, (h = { counts: new Array<number>(buckets.length + 1).fill(0), sum: 0, count: 0, requests: new Map() }));
    let byStatus = h.requests.get(method);
    if (!byStatus) h.requests.set(method, (byStatus = new Map()));
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    let i = 0;
    while (i < buckets.length && seconds > buckets[i]!) i++;
    h.counts[i]!++;
    h.sum += seconds;
    h.count++;
  }
}
