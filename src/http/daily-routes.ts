import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { publishEdition, type EditionDeps, type EditionRow } from '../daily/build.js';
import { editionView } from '../daily/edition-view.js';
import { latestEdition, listEditions } from '../daily/editions.queries.js';
import { conceptsBySlugs } from '../content/concepts.queries.js';
import { editionJson } from '../feeds/edition-json.js';
import { renderAtom } from '../feeds/atom.js';
import { renderEmailHtml } from '../feeds/email-html.js';
import { renderEmailText } from '../feeds/email-text.js';
import { renderJsonFeed } from '../feeds/json-feed.js';
import { renderRss } from '../feeds/rss.js';
import type { SiteInfo } from '../feeds/edition-view.js';
import { dateIn } from '../shared/dates.js';
import { AppError } from '../shared/errors.js';
import { notModified } from './conditional.js';
import { sendError } from './respond.js';
import { dataVersion } from '../cache/data-version.js';
import { Lru } from '../cache/lru.js';

const feedSize = 30;
const forever = 'public, max-age=31536000, immutable';
const aWhile = 'public, max-age=300';

const feedTypes = {
  rss: { type: 'application/rss+xml; charset=utf-8', render: renderRss },
  atom: { type: 'application/atom+xml; charset=utf-8', render: renderAtom },
  json: { type: 'application/feed+json; charset=utf-8', render: renderJsonFeed },
} as const;

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
}

/**
 * /daily, /daily/YYYY-MM-DD[/email.html|email.txt], /feed/daily.{rss,atom,json}, /concepts/SLUG.
 * Editions are frozen, so their rendered bytes are kept (per path and Host) until the data version
 * moves: a hit costs no SQL, rendering or hashing.
 */
export function dailyRoutes(deps: EditionDeps) {
  const { db } = deps.database;
  const version = dataVersion(deps.database);
  const cache = new Lru<string, Rendered & { version: number }>(256);
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const daily = dailyPath.exec(path);
    const feed = daily ? null : feedPath.exec(path);
    if (daily || feed) {
      const base = baseUrl(req);
      const key = `${base}${path}`;
      const current = await version.current();
      const hit = cache.get(key);
      if (hit?.version === current) return send(req, res, hit);
      const rendered = daily ? await renderDaily(deps, res, base, daily[1], daily[2]) : await renderFeed(deps, base, path, feed![1]!);
      if (!rendered) return true;
      cache.set(key, { ...rendered, version: current });
      return send(req, res, rendered);
    }

    const m = /^\/concepts\/([a-z0-9-]+)$/.exec(path);
    if (m) {
      const [concept] = await conceptsBySlugs(db, [m[1]!]);
      if (!concept) {
        sendError(res, 404, 'NOT_FOUND', `no concept ${m[1]}`);
        return true;
      }
      const { contentHash: _hash, ...card } = concept;
      return send(req, res, rendered('application/json; charset=utf-8', JSON.stringify(card), concept.updatedAt, aWhile));
    }
    return false;
  };
}

/** Undefined when it already answered (a bad date). */
async function renderDaily(deps: EditionDeps, res: ServerResponse, base: string, date?: string, email?: string): Promise<Rendered | undefined> {
  const today = dateIn(deps.timeZone, new Date());
  let edition: EditionRow;
  try {
    edition = date ? await publishEdition(deps, date) : ((await latestEdition(deps.database.db)) ?? (await publishEdition(deps, today)));
  } catch (error) {
    if (error instanceof AppError && error.code === 'BAD_USER_INPUT') {
      sendError(res, 400, 'BAD_USER_INPUT', error.message);
      return undefined;
    }
    throw error;
  }
  const pastDay = date !== undefined && date < today;
  const view = editionView(edition, base);
  const [type, body] =
    email === 'email.html'
      ? ['text/html; charset=utf-8', renderEmailHtml(view, site(base))]
      : email === 'email.txt'
        ? ['text/plain; charset=utf-8', renderEmailText(view, site(base))]
        : ['application/json; charset=utf-8', JSON.stringify(editionJson(view))];
  return rendered(type, body, edition.publishedAt, pastDay ? forever : aWhile);
}

async function renderFeed(deps: EditionDeps, base: string, path: string, kind: string): Promise<Rendered> {
  const feed = feedTypes[kind as keyof typeof feedTypes];
  const { rows } = await listEditions(deps.database.db, feedSize);
  const views = rows.map((e) => editionView(e, base));
  const body = feed.render(views, site(base), `${base}${path}`);
  return rendered(feed.type, body, rows[0]?.publishedAt ?? new Date(0), 'public, max-age=900');
}

function rendered(type: string, text: string, lastModified: Date, cacheControl: string): Rendered {
  const body = Buffer.from(text);
  const etag = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return { type, body, etag, lastModified, cacheControl };
}

function send(req: IncomingMessage, res: ServerResponse, r: Rendered): true {
  res.setHeader('vary', 'host');
  if (notModified(req, res, r)) return true;
  res.writeHead(200, { 'content-type': r.type, 'content-length': r.body.length });
  res.end(req.method === 'HEAD' ? undefined : r.body);
  return true;
}

/** Absolute links for feeds and e-mail come from the Host the client used. */
function baseUrl(req: IncomingMessage): string {
  const host = req.headers.host && /^[a-z0-9.[\]:-]+$/i.test(req.headers.host) ? req.headers.host : '127.0.0.1';
  return `http://${host}`;
}
