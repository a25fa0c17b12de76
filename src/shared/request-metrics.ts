import { Counter, type Registry } from 'prom-client';

/** Latency buckets in seconds, as Prometheus `le` bounds. */
const buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface RouteLatency {
  /** Per bucket, observations at or below its bound (not yet cumulative) ; the last slot is +Inf. */
  counts: number[];
  sum: number;
  count: number;
}

/**
 * HTTP request counts (method, route, status) and latency histograms (route), recorded into plain
 * maps and turned into Prometheus series only when /metrics is read. prom-client's own
 * inc/observe hash their label objects on every call, which was ~0.8 µs of a ~20 µs cached /daily
 * answer (issue 7); this is a map lookup and a few comparisons.
 */
export class RequestMetrics {
  private readonly counts = new Map<string, { method: string; route: string; status: string; n: number }>();
  private readonly latency = new Map<string, RouteLatency>();

  constructor(registry: Registry) {
    const counts = this.counts;
    new Counter({
      name: 'mlbrief_http_requests_total',
      help: 'HTTP requests by method, route and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const { method, route, status, n } of counts.values()) this.inc({ method, route, status }, n);
      },
    });
    const latency = this.latency;
    const name = 'mlbrief_http_request_duration_seconds';
    // A metric object prom-client's registry can render (the interface its own metrics implement).
    registry.registerMetric({
      name,
      help: 'HTTP request latency by route.',
      type: 'histogram',
      aggregator: 'sum',
      reset: () => latency.clear(),
      get: async () => ({
        name,
        help: 'HTTP request latency by route.',
        type: 'histogram',
        aggregator: 'sum',
        values: [...latency].flatMap(([route, h]) => {
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
    const key = `${method} ${route} ${status}`;
    const count = this.counts.get(key);
    if (count) count.n++;
    else this.counts.set(key, { method, route, status: String(status), n: 1 });
    let h = this.latency.get(route);
    if (!h) this.latency.set(route, (h = { counts: new Array<number>(buckets.length + 1).fill(0), sum: 0, count: 0 }));
    let i = 0;
    while (i < buckets.length && seconds > buckets[i]!) i++;
    h.counts[i]!++;
    h.sum += seconds;
    h.count++;
  }
}
