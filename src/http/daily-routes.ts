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

const feedSize = 30;
const forever = 'public, max-age=31536000, immutable';
const aWhile = 'public, max-age=300';

const feedTypes = {
  rss: { type: 'application/rss+xml; charset=utf-8', render: renderRss },
  atom: { type: 'application/atom+xml; charset=utf-8', render: renderAtom },
  json: { type: 'application/feed+json; charset=utf-8', render: renderJsonFeed },
} as const;

/** /daily, /daily/YYYY-MM-DD[/email.html|email.txt], /feed/daily.{rss,atom,json}, /concepts/SLUG. */
export function dailyRoutes(deps: EditionDeps) {
  const { db } = deps.database;
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const base = baseUrl(req);
    const site: SiteInfo = { baseUrl: base, title: 'mlbrief daily', description: 'Five machine-learning concepts and the five ML stories that matter, every day.' };
    const today = dateIn(deps.timeZone, new Date());

    let m = /^\/daily(?:\/(\d{4}-\d{2}-\d{2}))?(?:\/(email\.html|email\.txt))?\/?$/.exec(path);
    if (m) {
      const [, date, email] = m;
      let edition: EditionRow;
      try {
        edition = date ? await publishEdition(deps, date) : ((await latestEdition(db)) ?? (await publishEdition(deps, today)));
      } catch (error) {
        if (error instanceof AppError && error.code === 'BAD_USER_INPUT') {
          sendError(res, 400, 'BAD_USER_INPUT', error.message);
          return true;
        }
        throw error;
      }
      const pastDay = date !== undefined && date < today;
      const view = editionView(edition, base);
      const [type, body] =
        email === 'email.html'
          ? ['text/html; charset=utf-8', renderEmailHtml(view, site)]
          : email === 'email.txt'
            ? ['text/plain; charset=utf-8', renderEmailText(view, site)]
            : ['application/json; charset=utf-8', JSON.stringify(editionJson(view))];
      return send(req, res, type, body, edition.publishedAt, pastDay ? forever : aWhile);
    }

    m = /^\/feed\/daily\.(rss|atom|json)$/.exec(path);
    if (m) {
      const feed = feedTypes[m[1] as keyof typeof feedTypes];
      const { rows } = await listEditions(db, feedSize);
      const views = rows.map((e) => editionView(e, base));
      const body = feed.render(views, site, `${base}${path}`);
      const newest = rows[0]?.publishedAt ?? new Date(0);
      return send(req, res, feed.type, body, newest, 'public, max-age=900');
    }

    m = /^\/concepts\/([a-z0-9-]+)$/.exec(path);
    if (m) {
      const [concept] = await conceptsBySlugs(db, [m[1]!]);
      if (!concept) {
        sendError(res, 404, 'NOT_FOUND', `no concept ${m[1]}`);
        return true;
      }
      const { contentHash: _hash, ...card } = concept;
      return send(req, res, 'application/json; charset=utf-8', JSON.stringify(card), concept.updatedAt, aWhile);
    }
    return false;
  };
}

/** Entity tags hash the bytes sent, so any change (a rebuild, a new edition) is a new tag. */
function send(req: IncomingMessage, res: ServerResponse, type: string, body: string, lastModified: Date, cacheControl: string): true {
  const etag = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  res.setHeader('vary', 'host');
  if (notModified(req, res, { etag, lastModified, cacheControl })) return true;
  res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

/** Absolute links for feeds and e-mail come from the Host the client used. */
function baseUrl(req: IncomingMessage): string {
  const host = req.headers.host && /^[a-z0-9.[\]:-]+$/i.test(req.headers.host) ? req.headers.host : '127.0.0.1';
  return `http://${host}`;
}
