import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { RequestMetrics } from './request-metrics.js';

/** Prometheus metrics of this process, served at /metrics. */
export const registry = new Registry();
// The event-loop lag histogram samples on a timer of its own; at prom-client's default of 10 ms an
// idle server woke at least a hundred times a second for it. Ten samples a second still show a
// stalled loop.
export const eventLoopSampleMs = 100;
collectDefaultMetrics({ register: registry, prefix: 'mlbrief_', eventLoopMonitoringPrecision: eventLoopSampleMs });

const requests = new RequestMetrics(registry);

/** Counts a request and its latency; `started` is a performance.now() reading. */
export function recordRequest(method: string, route: string, status: number, started: number): void {
  requests.record(method, route, status, (performance.now() - started) / 1000);
}

export const graphqlDuration = new Histogram({
  name: 'mlbrief_graphql_operation_duration_seconds',
  help: 'GraphQL operation latency by operation name and outcome.',
  labelNames: ['operation', 'outcome'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const ingestRunsTotal = new Counter({ name: 'mlbrief_ingest_runs_total', help: 'Ingest passes finished.', registers: [registry] });
export const ingestItemsNew = new Counter({ name: 'mlbrief_ingest_items_new_total', help: 'New stories stored.', registers: [registry] });
export const ingestSourceOutcomes = new Counter({
  name: 'mlbrief_ingest_source_outcomes_total',
  help: 'Feed fetches by outcome (ok, not_modified, error).',
  labelNames: ['status'] as const,
  registers: [registry],
});
export const ingestLastPassSourcesFailed = new Gauge({
  name: 'mlbrief_ingest_last_pass_sources_failed',
  help: 'Feeds that failed in the last ingest pass; equal to mlbrief_ingest_last_pass_sources when every feed failed (network down?).',
  registers: [registry],
});
export const ingestLastPassSources = new Gauge({
  name: 'mlbrief_ingest_last_pass_sources',
  help: 'Feeds fetched in the last ingest pass.',
  registers: [registry],
});
export const editionsPublished = new Counter({ name: 'mlbrief_editions_published_total', help: 'Editions built and published.', registers: [registry] });
export const mailDeliveries = new Counter({
  name: 'mlbrief_mail_deliveries_total',
  help: 'Daily e-mails by outcome (sent, retry, failed).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});
export const rateLimited = new Counter({ name: 'mlbrief_rate_limited_total', help: 'Requests refused by the rate limit.', registers: [registry] });

const seenOperations = new Set<string>();
/** Client-chosen operation names, capped so a hostile client cannot explode the label set. */
export function operationLabel(name: string | null | undefined): string {
  const label = (name ?? 'anonymous').slice(0, 64);
  if (seenOperations.has(label)) return label;
  if (seenOperations.size >= 200) return 'other';
  seenOperations.add(label);
  return label;
}
