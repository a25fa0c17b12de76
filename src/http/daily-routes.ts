import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { EditionDeps } from '../daily/build.js';
import { editionView } from '../daily/edition-view.js';
import { listEditions } from '../daily/editions.queries.js';
import { editionForReading, newestEditionForReading, type ReadEdition } from '../daily/reading.js';
import { editionJson } from '../feeds/edition-json.js';
import { renderAtom } from '../feeds/atom.js';
import { renderEmailHtml } from '../feeds/email-html.js';
import { renderEmailText } from '../feeds/email-text.js';
import { renderJsonFeed } from '../feeds/json-feed.js';
import { renderRss } from '../feeds/rss.js';
import type { EditionView, SiteInfo } from '../feeds/edition-view.js';
import { dateIn } from '../shared/dates.js';
import { AppError } from '../shared/errors.js';
import { isConditional, notModified, type Validators } from './conditional.js';
import { sendError } from './respond.js';
import type { RestRateLimit } from './rest-rate-limit.js';
import { dataVersion } from '../cache/data-version.js';
import { Lru } from '../cache/lru.js';

const feedSize = 30;
const forever = 'public, max-age=31536000, immutable';
const aWhile = 'public, max-age=300';
const previewReuseMs = 60_000;

type FeedRenderer = (editions: EditionView[], site: SiteInfo, selfUrl: string, now: Date) => string;
/** Only Atom has to say when an empty feed was updated; the others leave the date out. */
const feedTypes: Record<'rss' | 'atom' | 'json', { type: string; render: FeedRenderer }> = {
  rss: { type: 'application/rss+xml; charset=utf-8', render: (e, s, u) => renderRss(e, s, u) },
  atom: { type: 'application/atom+xml; charset=utf-8', render: renderAtom },
  json: { type: 'application/feed+json; charset=utf-8', render: (e, s, u) => renderJsonFeed(e, s, u) },
};

const conceptPath = /^\/concepts\/([a-z0-9-]+)$/;
const dailyPath = /^\/daily(?:\/(\d{4}-\d{2}-\d{2}))?(?:\/(email\.html|email\.txt))?\/?$/;
const feedPath = /^\/feed\/daily\.(rss|atom|json)$/;
const site = (baseUrl: string): SiteInfo => ({
  baseUrl,
  title: 'mlbrief daily',
  description: 'Five machine-learning concepts and the five ML stories that matter, every day.',
});

/** Bytes as sent, with their validators; the entity tag hashes the bytes, so a rebuild is a new tag. */
interface Rendered {
  type: string;
  body: Buffer;
  etag: string;
  lastModified: Date;
  cacheControl: string;
  /** How long the bytes may be reused although the data version stands (a preview: its date rolls over). */
  reuseForMs?: number;
}

/** A rendered answer kept with its header values computed once, so a hit only writes them. */
interface Cached {
  version: number;
  /** performance.now() after which the bytes are rendered again. */
  expiresAt: number;
  /** The metrics label of the path. */
  route: string;
  validators: Validators;
  /**
   * Response headers as writeHead's flat [name, value, …] list, formatted once; the last value is
   * the request id, set just before each (synchronous) writeHead. A list skips building an object
   * per hit.
   */
  head: (string | number)[];
  body: Buffer;
  /** Headers a 304 carries besides the validators. */
  constant: Record<string, string>;
}

/**
 * /daily, /daily/YYYY-MM-DD[/email.html|email.txt], /feed/daily.{rss,atom,json}, /concepts/SLUG.
 * Editions are frozen and concept cards change only with content, so their rendered bytes are kept
 * (per path) until the data version moves: a hit costs no SQL, rendering or hashing. Absolute
 * links take `origin()` (PUBLIC_URL), never the request's Host, which any client can forge.
 * Concept cards have their own, larger cache, so a client walking the whole library cannot push
 * the editions out.
 */
export function dailyRoutes(
  deps: EditionDeps & {
    origin: () => string;
    headers?: Record<string, string>;
    /** The rate limit these routes share with /graphql (absent: not limited). */
    rateLimit?: RestRateLimit;
    /** A concept as GraphQL's `Concept` shape (src/graphql/concept-json.ts), or null for an unknown slug. */
    conceptJson: (slug: string) => Promise<{ updatedAt: string } | null>;
  },
) {
  const constant = deps.headers ?? {};
  const { rateLimit } = deps;
  const { db } = deps.database;
  const version = dataVersion(deps.database);
  const cache = new Lru<string, Cached>(256);
  const cards = new Lru<string, Cached>(2048);
  const cacheFor = (path: string) => (path.startsWith('/concepts/') ? cards : cache);

  /** The rendered bytes kept for this request, while they stand for the data version `current`. */
  function standing(path: string, current: number): Cached | undefined {
    const hit = cacheFor(path).get(path);
    return hit?.version === current && hit.expiresAt >= performance.now() ? hit : undefined;
  }

  /**
   * The hot path, synchronous: answers GET/HEAD from the rendered bytes while the data version
   * stands, and returns the route it answered, or undefined when the slow path must run.
   */
  function answerFromCache(req: IncomingMessage, res: ServerResponse, path: string, requestId: string): string | undefined {
    const current = version.current();
    const hit = typeof current === 'number' ? standing(path, current) : undefined;
    if (!hit) return undefined;
    const limits = rateLimit ? rateLimit.now(req, res) : noHeaders;
    if (limits === false) return undefined;
    if (limits) send(req, res, hit, requestId, limits);
    return hit.route;
  }

  /** Answers from the kept bytes, or renders (undefined: `render` already answered) and keeps them. */
  async function answer(req: IncomingMessage, res: ServerResponse, path: string, requestId: string, route: string, render: () => Promise<Rendered | undefined>): Promise<true> {
    const limits = rateLimit ? await rateLimit.charge(req, res) : noHeaders;
    if (!limits) return true;
    for (let i = 0; i < limits.length; i += 2) res.setHeader(limits[i]!, limits[i + 1]!);
    const current = await version.current();
    const hit = standing(path, current);
    if (hit) return send(req, res, hit, requestId, noHeaders);
    const fresh = await render();
    if (!fresh) return true;
    const entry = cached(fresh, current, route, constant);
    cacheFor(path).set(path, entry);
    return send(req, res, entry, requestId, noHeaders);
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string, requestId: string): Promise<boolean> {
    const daily = dailyPath.exec(path);
    const feed = daily ? null : feedPath.exec(path);
    if (daily || feed) {
      const base = deps.origin();
      return answer(req, res, path, requestId, routeOf(path), () =>
        daily ? renderDaily(deps, res, base, daily[1], daily[2]) : renderFeed(deps, base, path, feed![1]!),
      );
    }
    const m = conceptPath.exec(path);
    if (m) {
      return answer(req, res, path, requestId, '/concepts/:slug', async () => {
        const concept = await deps.conceptJson(m[1]!);
        if (!concept) {
          sendError(res, 404, 'NOT_FOUND', `no concept ${m[1]}`);
          return undefined;
        }
        return rendered('application/json; charset=utf-8', JSON.stringify(concept), new Date(concept.updatedAt), aWhile);
      });
    }
    return false;
  }

  return { answerFromCache, route };
}

/** Undefined when it already answered (a bad date, or one before this installation's news). */
async function renderDaily(deps: EditionDeps, res: ServerResponse, base: string, date?: string, email?: string): Promise<Rendered | undefined> {
  const today = dateIn(deps.timeZone, new Date());
  let read: ReadEdition;
  try {
    read = date ? await editionForReading(deps, date) : await newestEditionForReading(deps);
  } catch (error) {
    if (error instanceof AppError && (error.code === 'BAD_USER_INPUT' || error.code === 'NOT_FOUND')) {
      sendError(res, error.code === 'NOT_FOUND' ? 404 : 400, error.code, error.message);
      return undefined;
    }
    throw error;
  }
  const { edition, preview } = read;
  // Only a frozen past edition never changes; a preview changes once its news is in.
  const immutable = !preview && date !== undefined && date < today;
  const view = editionView(edition, base);
  const [type, body] =
    email === 'email.html'
      ? ['text/html; charset=utf-8', renderEmailHtml(view, site(base))]
      : email === 'email.txt'
        ? ['text/plain; charset=utf-8', renderEmailText(view, site(base))]
        : ['application/json; charset=utf-8', JSON.stringify(editionJson(view))];
  // A preview is re-rendered now and then even if nothing is ingested (its date rolls over at midnight).
  return { ...rendered(type, body, edition.publishedAt, immutable ? forever : aWhile), reuseForMs: preview ? previewReuseMs : undefined };
}

async function renderFeed(deps: EditionDeps, base: string, path: string, kind: string): Promise<Rendered> {
  const feed = feedTypes[kind as keyof typeof feedTypes];
  const { rows } = await listEditions(deps.database.db, feedSize);
  const views = rows.map((e) => editionView(e, base));
  // Before the first edition a feed is "updated" when it was rendered (kept until the data changes), not in 1970.
  const renderedAt = new Date();
  const body = feed.render(views, site(base), `${base}${path}`, renderedAt);
  return rendered(feed.type, body, rows[0]?.publishedAt ?? renderedAt, 'public, max-age=900');
}

function rendered(type: string, text: string, lastModified: Date, cacheControl: string): Rendered {
  const body = Buffer.from(text);
  const etag = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return { type, body, etag, lastModified, cacheControl };
}

/** `cors`: headers every answer carries (CORS), a 304 too, joined by `Vary: accept` where the path is negotiated. */
function cached(r: Rendered, version: number, route: string, cors: Record<string, string>): Cached {
  const constant = withVary(cors, route);
  const validators = { etag: `"${r.etag}"`, lastModified: r.lastModified.toUTCString(), cacheControl: r.cacheControl };
  const head = [
    'content-type', r.type,
    'content-length', r.body.length,
    'etag', validators.etag,
    'last-modified', validators.lastModified,
    'cache-control', r.cacheControl,
    ...Object.entries(constant).flat(),
    'x-request-id', '',
  ];
  const expiresAt = r.reuseForMs === undefined ? Infinity : performance.now() + r.reuseForMs;
  return { version, expiresAt, route, validators, head, body: r.body, constant };
}

/** Paths that are also pages for browsers (src/http/pages) vary by Accept too. */
/** Browsers get pages at the negotiated paths (src/http/pages), so their JSON varies by Accept. */
function withVary(cors: Record<string, string>, route: string): Record<string, string> {
  if (route !== '/concepts/:slug' && route !== '/daily' && route !== '/daily/:date') return cors;
  return { ...cors, vary: cors.vary ? `accept, ${cors.vary}` : 'accept' };
}

/** `limits`: the caller's rate-limit headers, as a flat list (empty when set already or not limited). */
function send(req: IncomingMessage, res: ServerResponse, c: Cached, requestId: string, limits: string[]): true {
  if (isConditional(req) && notModified(req, res, c.validators, { ...c.constant, ...Object.fromEntries(pairs(limits)), 'x-request-id': requestId })) return true;
  c.head[c.head.length - 1] = requestId;
  res.writeHead(200, limits.length ? [...c.head, ...limits] : c.head);
  res.end(req.method === 'HEAD' ? undefined : c.body);
  return true;
}

const noHeaders: string[] = [];

function pairs(list: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < list.length; i += 2) out.push([list[i]!, list[i + 1]!]);
  return out;
}

/** The metrics label of a daily or feed path: bounded, never the raw date. */
function routeOf(path: string): string {
  if (path.startsWith('/feed/')) return path;
  if (path.includes('email')) return '/daily/:date/email';
  return path === '/daily' || path === '/daily/' ? '/daily' : '/daily/:date';
}
