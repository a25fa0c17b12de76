import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Validators {
  etag: string;
  lastModified: Date;
  cacheControl: string;
}

/**
 * Sets ETag, Last-Modified and Cache-Control; answers 304 when the client's copy is current
 * (If-None-Match wins over If-Modified-Since, as RFC 9110 says). Returns true when it answered.
 */
export function notModified(req: IncomingMessage, res: ServerResponse, v: Validators): boolean {
  const etag = `"${v.etag}"`;
  res.setHeader('etag', etag);
  res.setHeader('last-modified', v.lastModified.toUTCString());
  res.setHeader('cache-control', v.cacheControl);
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  let fresh = false;
  if (ifNoneMatch !== undefined) {
    fresh = ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
  } else if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    fresh = !Number.isNaN(since) && Math.floor(v.lastModified.getTime() / 1000) * 1000 <= since;
  }
  if (!fresh) return false;
  res.writeHead(304).end();
  return true;
}
