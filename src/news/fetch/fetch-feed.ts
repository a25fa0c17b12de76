import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { FetchError, type FetchOptions, type FetchOutcome, type FetchRequest } from '../types.js';
import { blockedAddressError, blockedReason, guardedLookup } from './address-guard.js';
import { readCappedBody } from './read-capped-body.js';
import { parseRetryAfter } from './retry-after.js';

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_REDIRECTS = 5;

/**
 * GETs a feed under one deadline (connect, every redirect hop, headers and body), with a decoded
 * body cap, bounded redirects and an SSRF guard on every hop. Throws FetchError with a stable code
 * and a one-line message fit to store on the feed.
 */
export async function fetchFeed(request: FetchRequest, options: FetchOptions): Promise<FetchOutcome> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  let response: IncomingMessage | undefined;
  try {
    let url = parseFeedUrl(request.url);
    const chain = [url.href];
    for (let redirects = 0; ; redirects++) {
      response = await send(url, request, options, deadline.signal);
      const location = response.headers.location;
      if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || location === undefined) {
        return await finish(response, url, request, options, deadline.signal);
      }
      response.destroy(); // a redirect's body is never read; the connection is not reused
      const next = parseFeedUrl(location, url);
      if (chain.includes(next.href)) {
        throw new FetchError('REDIRECT_LOOP', `redirect loop: ${[...chain, next.href].join(' → ')}`);
      }
      if (redirects >= maxRedirects) throw new FetchError('TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects`);
      chain.push(next.href);
      url = next;
    }
  } catch (err) {
    throw toFetchError(err, deadline.signal, options.timeoutMs);
  } finally {
    clearTimeout(timer);
    response?.destroy();
  }
}

/** Parses `raw` (relative to `base` for a Location header), allowing only http: and https:. */
function parseFeedUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new FetchError('BAD_URL', `not a valid URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('UNSUPPORTED_SCHEME', `unsupported URL scheme ${url.protocol} in ${url.href}`);
  }
  url.hash = ''; // never sent, so it must not make a loop look like new URLs
  return url;
}

function send(url: URL, request: FetchRequest, options: FetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivateNetworks && isIP(host) !== 0) {
    // Literal IPs never reach the lookup hook, so they are checked here.
    const reason = blockedReason(host);
    if (reason !== null) return Promise.reject(blockedAddressError(host, host, reason));
  }
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;

  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: 'GET',
      headers,
      signal,
      agent: false, // a fresh connection per hop, so every connect goes through the guard
      ...(options.allowPrivateNetworks ? {} : { lookup: guardedLookup }),
    });
    req.once('response', resolve);
    req.on('error', reject); // `on`, not `once`: an abort after the response must not go unhandled
    req.end();
  });
}

async function finish(
  res: IncomingMessage,
  url: URL,
  request: FetchRequest,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<FetchOutcome> {
  const status = res.statusCode ?? 0;
  const etag = header(res, 'etag');
  const lastModified = header(res, 'last-modified');
  if (status === 304) {
    // A 304 may omit validators; the ones we sent are still current then.
    return {
      kind: 'not-modified',
      status: 304,
      url: url.href,
      etag: etag ?? request.etag ?? null,
      lastModified: lastModified ?? request.lastModified ?? null,
    };
  }
  if (status >= 200 && status < 300) {
    const body = await readCappedBody(res, options.maxBytes, signal);
    return { kind: 'fetched', status, url: url.href, body, contentType: header(res, 'content-type'), etag, lastModified };
  }
  const statusLine = `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`;
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(header(res, 'retry-after') ?? undefined, Date.now());
    if (retryAfterMs !== null) {
      const seconds = Math.ceil(retryAfterMs / 1000);
      throw new FetchError('HTTP_ERROR', `${statusLine} (retry after ${seconds} s)`, { status, retryAfterMs });
    }
  }
  throw new FetchError('HTTP_ERROR', statusLine, { status });
}

function header(res: IncomingMessage, name: string): string | null {
  const value = res.headers[name];
  return typeof value === 'string' ? value : null;
}

function toFetchError(err: unknown, deadline: AbortSignal, timeoutMs: number): FetchError {
  if (err instanceof FetchError) return err;
  // Whatever broke once the deadline fired (aborted socket, premature close) is the deadline's doing.
  if (deadline.aborted) return new FetchError('TIMEOUT', `timed out after ${timeoutMs} ms`);
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  return new FetchError('NETWORK_ERROR', code && !message.includes(code) ? `${code}: ${message}` : message);
}
