import type { IncomingHttpHeaders } from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../../src/news/fetch/fetch-feed.js';
import { FetchError, type FetchOptions, type FetchRequest } from '../../../src/news/types.js';
import { serve, type TestServer } from './serve.js';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';
const MB = 1024 * 1024;
const options: FetchOptions = {
  timeoutMs: 5000,
  maxBytes: MB,
  allowPrivateNetworks: true,
  userAgent: 'mlbrief-test/1.0 (+https://example.org/mlbrief)',
};

let server: TestServer;
let lastHeaders: IncomingHttpHeaders = {};
let gzipBomb: Buffer;

beforeAll(async () => {
  gzipBomb = zlib.gzipSync(Buffer.alloc(50 * MB));
  server = await serve((req, res) => {
    lastHeaders = req.headers;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const redirect = (location: string) => res.writeHead(302, { location }).end();
    const encoded = (encoding: string, body: Buffer) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': encoding }).end(body);

    const hop = /^\/r\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      // Relative Locations: "2" resolves against /r/3 to /r/2.
      return n === 0 ? res.end('final') : redirect(String(n - 1));
    }
    const slowHop = /^\/slow-r\/(\d+)$/.exec(path);
    if (slowHop) {
      const timer = setTimeout(() => redirect(`/slow-r/${Number(slowHop[1]) + 1}`), 400);
      return res.on('close', () => clearTimeout(timer));
    }
    switch (path) {
      case '/feed':
        return res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(FEED);
      case '/gzip':
        return encoded('gzip', zlib.gzipSync(FEED));
      case '/deflate':
        return encoded('deflate', zlib.deflateSync(FEED));
      case '/deflate-raw':
        return encoded('deflate', zlib.deflateRawSync(FEED));
      case '/br':
        return encoded('br', zlib.brotliCompressSync(FEED));
      case '/bomb':
        return encoded('gzip', gzipBomb);
      case '/compress':
        return encoded('compress', Buffer.from(FEED));
      case '/big':
        return res.end(Buffer.alloc(2 * MB, 'a'));
      case '/lying-length':
        // Declares more than the cap, sends a little and hangs: only an early refusal avoids the timeout.
        res.writeHead(200, { 'content-length': String(2 * MB) });
        return res.write('<rss');
      case '/drip': {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const timer = setInterval(() => res.write('x'), 200);
        return res.on('close', () => clearInterval(timer));
      }
      case '/hang':
        return;
      case '/loop/a':
        return redirect('/loop/b');
      case '/loop/b':
        return redirect('/loop/a');
      // A loop whose Locations differ only in fragments, which are never sent.
      case '/loop/c':
        return redirect('/loop/d#one');
      case '/loop/d':
        return redirect('/loop/c#two');
      case '/to-ftp':
        return redirect('ftp://example.org/feed.xml');
      case '/to-garbage':
        return redirect('http://exa mple.org:99999/');
      case '/conditional':
        if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
        return res
          .writeHead(200, { etag: '"v1"', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' })
          .end(FEED);
      case '/conditional-new-etag':
        return res.writeHead(304, { etag: '"v2"' }).end();
      case '/429':
        return res.writeHead(429, { 'retry-after': '120' }).end();
      case '/503':
        return res.writeHead(503, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() }).end();
      case '/503-bare':
        return res.writeHead(503).end();
      case '/500':
        return res.writeHead(500).end('oops');
      case '/404':
        return res.writeHead(404).end();
      default:
        return res.writeHead(404).end();
    }
  });
});

afterAll(() => server.close());

const get = (path: string, request: Partial<FetchRequest> = {}, overrides: Partial<FetchOptions> = {}) =>
  fetchFeed({ url: server.origin + path, ...request }, { ...options, ...overrides });

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const err = await promise.then(
    () => {
      throw new Error('expected the fetch to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('fetchFeed: bodies', () => {
  it('returns a 200 body with its content type and the polite headers sent', async () => {
    const outcome = await get('/feed');
    expect(outcome).toMatchObject({ kind: 'fetched', status: 200, url: `${server.origin}/feed` });
    if (outcome.kind !== 'fetched') throw new Error('unreachable');
    expect(outcome.body.toString()).toBe(FEED);
    expect(outcome.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(outcome.etag).toBeNull();
    expect(lastHeaders['user-agent']).toBe(options.userAgent);
    expect(lastHeaders['accept']).toMatch(/^application\/rss\+xml, application\/atom\+xml, application\/feed\+json/);
    expect(lastHeaders['accept-encoding']).toBe('gzip, deflate, br');
    expect(lastHeaders['if-none-match']).toBeUndefined();
  });

  it.each(['/gzip', '/deflate', '/deflate-raw', '/br'])('decodes %s', async (path) => {
    const outcome = await get(path);
    if (outcome.kind !== 'fetched') throw new Error('expected a body');
    expect(outcome.body.toString()).toBe(FEED);
  });

  it('refuses a gzip bomb as too large', async () => {
    const err = await failure(get('/bomb'));
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toBe(`response larger than ${MB} bytes`);
  });

  it('refuses a plain body over the cap', async () => {
    expect((await failure(get('/big'))).code).toBe('TOO_LARGE');
  });

  it('refuses early when Content-Length exceeds the cap', async () => {
    const err = await failure(get('/lying-length', {}, { timeoutMs: 30_000 }));
    expect(err.code).toBe('TOO_LARGE');
  });

  it('refuses a content encoding it did not offer', async () => {
    const err = await failure(get('/compress'));
    expect(err.message).toBe('unsupported content encoding: compress');
  });
});

describe('fetchFeed: the deadline', () => {
  it('cuts off a slow-drip body at the deadline', async () => {
    const started = Date.now();
    const err = await failure(get('/drip', {}, { timeoutMs: 1000 }));
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toBe('timed out after 1000 ms');
    expect(Date.now() - started).toBeLessThan(5000); // loose: the drip alone would never end
  });

  it('times out a server that never answers', async () => {
    expect((await failure(get('/hang', {}, { timeoutMs: 300 }))).code).toBe('TIMEOUT');
  });

  it('counts every redirect hop against the same deadline', async () => {
    // Each hop takes 400 ms and is allowed; five of them cannot fit in one second.
    expect((await failure(get('/slow-r/0', {}, { timeoutMs: 1000 }))).code).toBe('TIMEOUT');
  });
});

describe('fetchFeed: redirects and URLs', () => {
  it('follows a chain of relative redirects and reports the final URL', async () => {
    const outcome = await get('/r/3');
    expect(outcome).toMatchObject({ kind: 'fetched', url: `${server.origin}/r/0` });
  });

  it('follows exactly maxRedirects redirects', async () => {
    expect(await get('/r/5')).toMatchObject({ kind: 'fetched', url: `${server.origin}/r/0` });
  });

  it('refuses a sixth redirect', async () => {
    const err = await failure(get('/r/6'));
    expect(err.code).toBe('TOO_MANY_REDIRECTS');
    expect(err.message).toBe('more than 5 redirects');
  });

  it('honours a smaller maxRedirects', async () => {
    expect((await failure(get('/r/2', {}, { maxRedirects: 1 }))).code).toBe('TOO_MANY_REDIRECTS');
  });

  it('detects a redirect loop and names the chain', async () => {
    const err = await failure(get('/loop/a'));
    expect(err.code).toBe('REDIRECT_LOOP');
    const a = `${server.origin}/loop/a`;
    expect(err.message).toBe(`redirect loop: ${a} → ${server.origin}/loop/b → ${a}`);
    const fragments = await failure(get('/loop/c'));
    expect([fragments.code, fragments.message]).toEqual(['REDIRECT_LOOP', `redirect loop: ${server.origin}/loop/c → ${server.origin}/loop/d → ${server.origin}/loop/c`]);
  });

  it('refuses a redirect to ftp:', async () => {
    const err = await failure(get('/to-ftp'));
    expect(err.code).toBe('UNSUPPORTED_SCHEME');
    expect(err.message).toContain('ftp:');
  });

  it('refuses an unparsable Location', async () => {
    expect((await failure(get('/to-garbage'))).code).toBe('BAD_URL');
  });

  it('refuses an unparsable or non-http URL up front', async () => {
    expect((await failure(fetchFeed({ url: 'not a url' }, options))).code).toBe('BAD_URL');
    expect((await failure(fetchFeed({ url: 'file:///etc/passwd' }, options))).code).toBe('UNSUPPORTED_SCHEME');
  });
});

describe('fetchFeed: conditional GET', () => {
  it('sends the stored validators and reports a 304 as not modified, keeping them', async () => {
    const first = await get('/conditional');
    if (first.kind !== 'fetched') throw new Error('expected a body');
    expect(first.etag).toBe('"v1"');

    const second = await get('/conditional', { etag: first.etag, lastModified: first.lastModified });
    expect(lastHeaders['if-none-match']).toBe('"v1"');
    expect(lastHeaders['if-modified-since']).toBe('Mon, 01 Jan 2024 00:00:00 GMT');
    expect(second).toEqual({
      kind: 'not-modified',
      status: 304,
      url: `${server.origin}/conditional`,
      etag: '"v1"',
      lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT',
    });
  });

  it('takes new validators from a 304 that has them', async () => {
    const outcome = await get('/conditional-new-etag', { etag: '"v1"', lastModified: null });
    expect(outcome).toMatchObject({ kind: 'not-modified', etag: '"v2"', lastModified: null });
  });
});

describe('fetchFeed: HTTP and network errors', () => {
  it('reads Retry-After seconds on a 429', async () => {
    const err = await failure(get('/429'));
    expect(err.code).toBe('HTTP_ERROR');
    expect(err.details).toEqual({ status: 429, retryAfterMs: 120_000 });
    expect(err.message).toBe('HTTP 429 Too Many Requests (retry after 120 s)');
  });

  it('reads a Retry-After HTTP-date on a 503', async () => {
    const err = await failure(get('/503'));
    expect(err.details.status).toBe(503);
    expect(err.details.retryAfterMs).toBeGreaterThan(60_000);
    expect(err.details.retryAfterMs).toBeLessThanOrEqual(90_000);
  });

  it('reports a 503 without Retry-After by status alone', async () => {
    expect((await failure(get('/503-bare'))).details).toEqual({ status: 503 });
  });

  it('reports a 500 and a 404 by status', async () => {
    const err = await failure(get('/500'));
    expect(err.code).toBe('HTTP_ERROR');
    expect(err.details).toEqual({ status: 500 });
    expect(err.message).toBe('HTTP 500 Internal Server Error');
    expect((await failure(get('/404'))).details.status).toBe(404);
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await serve(() => undefined);
    await closed.close();
    const err = await failure(fetchFeed({ url: `${closed.origin}/feed` }, options));
    expect(err.code).toBe('NETWORK_ERROR');
    expect(err.message).toContain('ECONNREFUSED');
  });
});
