import type { IncomingMessage, ServerResponse } from 'node:http';

/** Header values, formatted once when the bytes are rendered. */
export interface Validators {
  /** Quoted, as sent. */
  etag: string;
  /** An HTTP date (toUTCString). */
  lastModified: string;
  cacheControl: string;
}

/**
 * Whether an If-None-Match value names this entity tag, or is `*`. The comparison is weak
 * (RFC 9110, 13.1.2): a proxy that compressed an answer hands its clients `W/"…"`.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  return ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
}

export function isConditional(req: IncomingMessage): boolean {
  return req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
}

/**
 * Answers 304 (with ETag, Last-Modified and Cache-Control) when the client's copy is current;
 * If-None-Match wins over If-Modified-Since, as RFC 9110 says. Returns true when it answered.
 */
export function notModified(req: IncomingMessage, res: ServerResponse, v: Validators, extra: Record<string, string>): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  let fresh = false;
  if (ifNoneMatch !== undefined) {
    fresh = etagMatches(ifNoneMatch, v.etag);
  } else if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    fresh = !Number.isNaN(since) && Date.parse(v.lastModified) <= since;
  }
  if (!fresh) return false;
  res.writeHead(304, { ...extra, etag: v.etag, 'last-modified': v.lastModified, 'cache-control': v.cacheControl }).end();
  return true;
}
