import type { ServerResponse } from 'node:http';
import type { Database } from '../db/client.js';
import { ping } from '../db/client.js';
import { pendingMigrations } from '../db/migrate.js';
import { sendJson } from './respond.js';

/** Liveness: the process answers. It never touches the database, so a DB outage doesn't restart us. */
export function healthz(res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' }, { 'cache-control': 'no-store' });
}

/** Readiness: the database answers and every migration in migrations/ is applied. */
export async function readyz(res: ServerResponse, database: Database): Promise<void> {
  try {
    await ping(database.db);
    const pending = await pendingMigrations(database.db);
    if (pending.length > 0) {
      return sendJson(res, 503, { status: 'migrations pending', pending: pending.length }, { 'cache-control': 'no-store' });
    }
    sendJson(res, 200, { status: 'ready', database: database.kind }, { 'cache-control': 'no-store' });
  } catch (error) {
    sendJson(res, 503, { status: 'database unreachable', error: (error as Error).message }, { 'cache-control': 'no-store' });
  }
}
