import type { ServerResponse } from 'node:http';
import { registry } from '../shared/metrics.js';

export async function metricsRoute(res: ServerResponse): Promise<void> {
  const body = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  res.end(body);
}
