import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ParseError, type ParsedFeed, type ParseErrorCode } from '../types.js';
import { parseBody, type FeedMeta } from './parse-body.js';

export { ParseError } from '../types.js';
export type { FeedMeta } from './parse-body.js';

/** Bodies from this size up are parsed on a worker thread, so the event loop keeps turning. */
export const WORKER_THRESHOLD_BYTES = 256 * 1024;

// Present in the compiled build; absent when running the .ts sources (vitest), which then parse inline.
const workerFile = new URL('./parse-worker.js', import.meta.url);
const workerAvailable = existsSync(fileURLToPath(workerFile));

/**
 * Parses a fetched feed body (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1).
 * Throws ParseError: NOT_A_FEED for empty bodies, HTML pages, other XML roots (including CDF,
 * Microsoft's Channel Definition Format, which we do not support, and a prefixed <x:rss> whose
 * prefix is not bound to an RSS namespace) and JSON that is not a JSON Feed; MALFORMED for XML or JSON that
 * cannot be read (mismatched or unclosed tags, stray "<"). Lenient on purpose: a bare "&",
 * undeclared entities (dropped), an RSS or RDF document without <channel> (no items) and text
 * after the root element (ignored by xml2js).
 */
export function parseFeed(body: Buffer, meta: FeedMeta): Promise<ParsedFeed> {
  if (workerAvailable && body.byteLength >= WORKER_THRESHOLD_BYTES) return runInWorker(body, meta);
  return parseBody(body, meta);
}

type WorkerReply = { ok: true; feed: ParsedFeed } | { ok: false; code: ParseErrorCode; message: string };

function runInWorker(body: Buffer, meta: FeedMeta): Promise<ParsedFeed> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, {
      workerData: { body, meta: { contentType: meta.contentType, url: meta.url } },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.feed);
      else reject(new ParseError(reply.code, reply.message));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`feed parse worker exited with code ${code}`));
    });
  });
}
