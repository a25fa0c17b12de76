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
 * quality 2, while handing it to the thread pool costs ~0.6 ms of setup and hand-over before the
 * reader who asked gets a byte. Bigger bodies go to the pool.
 */
const compressInlineBelow = 64 * 1024;

/**
 * Brotli twice: the reader who asked for a page just rendered gets it at a quick quality, made on
 * the event loop (a concept card: ~4.2 KB in ~0.08 ms); meanwhile the thread pool makes it again
 * at a better one (~3.6 KB; ~0.3 ms on the event loop at quality 4 was a fifth of a card's render
 * after an ingest pass), which every reader after gets. The two differ in bytes, so in entity tag;
 * a client holding the quick one's tag still gets 304 (the same page).
 */
const QUICK_BROTLI = 2;
const FINAL_BROTLI = 5;
const brotliAt = (quality: number, length: number) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: length } });

/** The variant of a page in `encoding`, compressed on first use; see QUICK_BROTLI for brotli. */
export async function variantOf(page: CachedPage, encoding: Encoding): Promise<Variant> {
  const kept = page.variants[encoding];
  if (kept) return kept;
  const { html } = page;
  const inline = html.length < compressInlineBelow;
  if (encoding === 'identity') return (page.variants.identity = variant(page, 'identity', html, `"${page.tag}"`));
  if (encoding === 'gzip') return (page.variants.gzip = variant(page, 'gzip', inline ? gzipSync(html, { level: 6 }) : await gzipped(html, { level: 6 }), `"${page.tag}-gz"`));
  const finalTag = `"${page.tag}-br"`;
  if (!inline) return (page.variants.br = variant(page, 'br', await brotli(html, brotliAt(FINAL_BROTLI, html.length)), finalTag));
  const quickTag = `"${page.tag}-brq"`;
  const quick = (page.variants.br = variant(page, 'br', brotliCompressSync(html, brotliAt(QUICK_BROTLI, html.length)), quickTag));
  brotli(html, brotliAt(FINAL_BROTLI, html.length)).then(
    (body) => {
      if (page.variants.br === quick) page.variants.br = variant(page, 'br', body, finalTag, quickTag);
    },
    // Out of memory in the pool, say: the quick variant stays.
    () => {},
  );
  return quick;
}

/** A coded body with its validators and head; `alsoMatches` is another entity tag of the same page in this coding. */
function variant(page: CachedPage, encoding: Encoding, body: Buffer, etag: string, alsoMatches?: string): Variant {
  const validators = { etag, lastModified: page.lastModified, cacheControl: page.cacheControl, alsoMatches };
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
  return { body, validators, head };
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
