import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import type { RenderedPage } from '../../pages/layout.js';
import { isConditional, notModified, type Validators } from '../conditional.js';
import type { Encoding } from '../negotiate.js';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** A page as rendered, before it is kept. */
export interface PageRender {
  page: RenderedPage;
  cacheControl: string;
  /** How long the bytes may be reused although the data version stands (a preview: its date rolls over). */
  reuseForMs?: number | undefined;
  /** Not an HTML page (a diagram): its content type and the headers that replace a page's CSP and Vary. */
  asset?: { type: string; headers: (string | number)[] } | undefined;
}

interface Variant {
  body: Buffer;
  validators: Validators;
  /** writeHead's flat list, formatted once; the last value is the request id. */
  head: (string | number)[];
}

/** A page's bytes with their header values, kept while the data version stands. */
export interface CachedPage {
  version: number;
  expiresAt: number;
  /** The metrics label of the path. */
  route: string;
  html: Buffer;
  /** The entity tag of the plain bytes; a coded variant's adds its coding. */
  tag: string;
  lastModified: string;
  cacheControl: string;
  type: string;
  /** Headers every variant sends: CSP, Vary and the like. */
  common: (string | number)[];
  variants: Partial<Record<Encoding, Variant>>;
}

/**
 * No script or style the page does not name may run, and no request may leave the origin
 * (images, fonts, forms included); the page's one <style> element is allowed by its hash.
 */
export function contentSecurityPolicy(styleHash: string | null): string {
  const style = styleHash ? `'self' ${styleHash}` : `'self'`;
  return `default-src 'self'; script-src 'self'; style-src ${style}; img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`;
}

export function pageHeaders(styleHash: string | null, vary: string): (string | number)[] {
  return [
    'content-security-policy', contentSecurityPolicy(styleHash),
    'x-content-type-options', 'nosniff',
    'referrer-policy', 'strict-origin-when-cross-origin',
    'vary', vary,
  ];
}

/**
 * A rendered page to keep. When it is byte for byte the page it replaces (the data version moves
 * on every ingest pass, and most pages come out the same), the old one is kept under the new
 * version: same entity tag and Last-Modified, so a reader revalidating gets 304, and its coded
 * variants, so the page is not compressed again.
 */
export function cachedPage(r: PageRender, version: number, route: string, vary: string, previous?: CachedPage): CachedPage {
  const html = Buffer.from(r.page.html);
  const expiresAt = r.reuseForMs === undefined ? Infinity : performance.now() + r.reuseForMs;
  const type = r.asset?.type ?? 'text/html; charset=utf-8';
  if (previous && previous.cacheControl === r.cacheControl && previous.type === type && previous.html.equals(html)) {
    return { ...previous, version, expiresAt };
  }
  return {
    version,
    expiresAt,
    route,
    html,
    tag: createHash('sha256').update(html).digest('base64url').slice(0, 27),
    lastModified: new Date().toUTCString(),
    cacheControl: r.cacheControl,
    type,
    common: r.asset?.headers ?? pageHeaders(r.page.styleHash, vary),
    variants: {},
  };
}

/**
 * Bodies up to this size are compressed on the event loop: a 15 KB page takes ~0.1 ms at brotli
 * quality 4, while handing it to the thread pool costs ~0.6 ms of setup and hand-over (measured on
 * a concept card; it was a fifth of a cold card's render). Bigger bodies go to the pool.
 */
const compressInlineBelow = 64 * 1024;

/**
 * The variant of a page in `encoding`, compressed on first use (brotli at a middling quality: a
 * cold page should cost a few milliseconds, not the tens that the best quality takes).
 */
export async function variantOf(page: CachedPage, encoding: Encoding): Promise<Variant> {
  const kept = page.variants[encoding];
  if (kept) return kept;
  const inline = page.html.length < compressInlineBelow;
  const brotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: page.html.length } };
  const body =
    encoding === 'br'
      ? inline ? brotliCompressSync(page.html, brotliOptions) : await brotli(page.html, brotliOptions)
      : encoding === 'gzip'
        ? inline ? gzipSync(page.html, { level: 6 }) : await gzipped(page.html, { level: 6 })
        : page.html;
  const etag = encoding === 'identity' ? `"${page.tag}"` : `"${page.tag}-${encoding === 'br' ? 'br' : 'gz'}"`;
  const validators = { etag, lastModified: page.lastModified, cacheControl: page.cacheControl };
  const head = [
    'content-type', page.type,
    'content-length', body.length,
    ...(encoding === 'identity' ? [] : ['content-encoding', encoding]),
    'etag', etag,
    'last-modified', page.lastModified,
    'cache-control', page.cacheControl,
    ...page.common,
    'x-request-id', '',
  ];
  return (page.variants[encoding] = { body, validators, head });
}

/** Sends a kept variant (or 304 when the client's copy is current). */
export function sendVariant(req: IncomingMessage, res: ServerResponse, page: CachedPage, v: Variant, requestId: string): void {
  if (isConditional(req)) {
    const extra: Record<string, string> = { 'x-request-id': requestId };
    for (let i = 0; i < page.common.length; i += 2) extra[page.common[i] as string] = String(page.common[i + 1]);
    if (notModified(req, res, v.validators, extra)) return;
  }
  v.head[v.head.length - 1] = requestId;
  res.writeHead(200, v.head);
  res.end(req.method === 'HEAD' ? undefined : v.body);
}
