import { parentPort, workerData } from 'node:worker_threads';
import { ParseError } from '../types.js';
import { parseBody, type FeedMeta } from './parse-body.js';

/** Parses one body off the main thread; see runInWorker in index.ts for the protocol. */
const { body, meta } = workerData as { body: Uint8Array; meta: FeedMeta };
try {
  parentPort!.postMessage({ ok: true, feed: await parseBody(body, meta) });
} catch (error) {
  const known = error instanceof ParseError;
  parentPort!.postMessage({
    ok: false,
    code: known ? error.code : 'MALFORMED',
    message: error instanceof Error ? error.message : String(error),
  });
}
