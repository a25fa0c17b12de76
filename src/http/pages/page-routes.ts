import type { IncomingMessage, ServerResponse } from 'node:http';
import { dataVersion } from '../../cache/data-version.js';
import { Lru } from '../../cache/lru.js';
import type { EditionDeps } from '../../daily/build.js';
import { renderArchivePage } from '../../pages/archive-page.js';
import { renderBriefPage } from '../../pages/brief-page.js';
import { renderDeckPage, difficulties } from '../../pages/deck-page.js';
import { renderErrorPage } from '../../pages/error-page.js';
import type { Site } from '../../pages/layout.js';
import { loadKatex } from '../../pages/math.js';
import { renderTagPage } from '../../pages/tag-page.js';
import type { Difficulty } from '../../pages/view-models.js';
import { isIsoDate } from '../../shared/dates.js';
import { AppError } from '../../shared/errors.js';
import { pickEncoding, prefersHtml } from '../negotiate.js';
import { sendError } from '../respond.js';
import { Assets } from './assets.js';
import { cachedPage, pageHeaders, sendVariant, variantOf, type CachedPage, type PageRender } from './page-cache.js';
import { conceptPageLoader, loadArchive, loadBrief, loadDeck, loadTag } from './views.js';
import { cardDiagram } from '../../content/card-pages.queries.js';

export interface PageDeps extends EditionDeps {
  /** publicOrigin(config); a function, as the port may be known only once listening. */
  origin: () => string;
  /** Where the built assets are (tests may point elsewhere). */
  assetsDir?: string;
}

const aWhile = 'public, max-age=300';
const previewReuseMs = 60_000;
const slugPath = /^\/(concepts|tags)\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const dailyPagePath = /^\/daily(?:\/([^/]*))?\/?$/;
const diagramPath = /^\/concepts\/([a-z0-9]+(?:-[a-z0-9]+)*)\/diagram\.svg$/;

/**
 * A diagram is an image, but an SVG opened on its own is a document: nothing in it may run or
 * load anything (its one <style> element aside), and no page may frame it.
 */
const diagramHeaders = [
  'content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options', 'nosniff',
  'vary', 'accept-encoding',
];

/** A client's mistake, answered as a page or as JSON by the same negotiation. */
class PageError extends Error {
  constructor(readonly status: 400 | 404, readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND', message: string) {
    super(message);
  }
}
const notFound = (message: string) => new PageError(404, 'NOT_FOUND', message);
const badInput = (message: string) => new PageError(400, 'BAD_USER_INPUT', message);

/**
 * The reader's pages: `/`, `/concepts`, `/concepts/SLUG`, `/tags/SLUG`, `/archive`, `/daily[/DATE]`,
 * and their assets under `/assets/`. `/concepts/SLUG` and `/daily…` are pages only for clients that
 * prefer text/html (everyone else gets the JSON of daily-routes.ts). Rendered pages are kept like
 * /daily's bytes, per path, until the data version moves; a hit is answered synchronously.
 */
export function pageRoutes(deps: PageDeps) {
  const assets = new Assets(deps.assetsDir);
  // At start-up, not on the first formula a reader asks for.
  loadKatex();
  const site: Site = {
    get origin() {
      return deps.origin();
    },
    assets: assets.urls,
  };
  const version = dataVersion(deps.database);
  const { db } = deps.database;
  const conceptPage = conceptPageLoader(db, site);
  const pages = new Lru<string, CachedPage>(512);
  // Cards have a cache of their own, so a client walking the library cannot push the brief out.
  const cards = new Lru<string, CachedPage>(2048);
  const cacheFor = (path: string) => (path.startsWith('/concepts/') ? cards : pages);

  /** Whether this request is for a page or an asset (and not for daily-routes' JSON). */
  function owns(req: IncomingMessage, path: string): boolean {
    if (path === '/' || path === '/concepts' || path === '/archive' || path.startsWith('/tags/') || path.startsWith('/assets/')) return true;
    if (path.endsWith('/diagram.svg') && diagramPath.test(path)) return true;
    if (path.startsWith('/concepts/') || (path.startsWith('/daily') && !path.includes('/email.'))) return prefersHtml(req.headers.accept);
    return false;
  }

  /** Pages whose query string matters keep one entry per query; the others ignore it. */
  const keyOf = (req: IncomingMessage, path: string) => (path === '/concepts' || path === '/archive' ? (req.url ?? path) : path);

  function standing(req: IncomingMessage, path: string, current: number): CachedPage | undefined {
    const hit = cacheFor(path).get(keyOf(req, path));
    return hit?.version === current && hit.expiresAt >= performance.now() ? hit : undefined;
  }

  /** The hot path: an asset, or a kept page in a kept coding, answered synchronously; else undefined. */
  function answerFromCache(req: IncomingMessage, res: ServerResponse, path: string, requestId: string): string | undefined {
    if (path.startsWith('/assets/')) return assets.answer(req, res, path, requestId) ? '/assets' : undefined;
    const current = version.current();
    const hit = typeof current === 'number' ? standing(req, path, current) : undefined;
    const variant = hit?.variants[pickEncoding(req.headers['accept-encoding'])];
    if (!hit || !variant) return undefined;
    sendVariant(req, res, hit, variant, requestId);
    return hit.route;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const path = url.pathname;
    if (path.startsWith('/assets/')) {
      if (!assets.answer(req, res, path, requestId)) answerError(req, res, notFound(`no asset ${path}`), path);
      return;
    }
    const route = routeOf(path);
    try {
      const current = await version.current();
      let page = standing(req, path, current);
      if (!page) {
        const key = keyOf(req, path);
        page = cachedPage(await render(path, url.searchParams), current, route, varyOf(path), cacheFor(path).get(key));
        cacheFor(path).set(key, page);
      }
      sendVariant(req, res, page, await variantOf(page, pickEncoding(req.headers['accept-encoding'])), requestId);
    } catch (error) {
      if (error instanceof PageError) return answerError(req, res, error, path);
      if (error instanceof AppError && (error.code === 'BAD_USER_INPUT' || error.code === 'NOT_FOUND')) {
        return answerError(req, res, error.code === 'NOT_FOUND' ? notFound(error.message) : badInput(error.message), path);
      }
      throw error;
    }
  }

  async function render(path: string, query: URLSearchParams): Promise<PageRender> {
    if (path === '/') return brief(path);
    const daily = dailyPagePath.exec(path);
    if (daily) {
      const date = daily[1] || undefined;
      if (date !== undefined && !isIsoDate(date)) throw badInput(`${date} is not a date (YYYY-MM-DD)`);
      return brief(path, date);
    }
    if (path === '/concepts') return deck(query);
    if (path === '/archive') {
      const before = query.get('before') ?? undefined;
      if (before !== undefined && !isIsoDate(before)) throw badInput(`before must be a date (YYYY-MM-DD), got ${before}`);
      return { page: renderArchivePage(site, await loadArchive(db, before)), cacheControl: aWhile };
    }
    const diagram = diagramPath.exec(path);
    if (diagram) {
      const svg = await cardDiagram(db, diagram[1]!);
      if (svg === undefined) throw notFound(`There is no diagram for ${diagram[1]}.`);
      return { page: { html: svg, styleHash: null }, cacheControl: aWhile, asset: { type: 'image/svg+xml', headers: diagramHeaders } };
    }
    const m = slugPath.exec(path);
    if (m?.[1] === 'concepts') {
      // After `version.current()` (route), so the content version is as fresh as the version.
      const page = await conceptPage(m[2]!, version.content());
      if (!page) throw notFound(`There is no concept called ${m[2]}.`);
      return { page, cacheControl: aWhile };
    }
    if (m?.[1] === 'tags') {
      const tag = await loadTag(db, m[2]!);
      if (!tag) throw notFound(`There is no tag called ${m[2]}.`);
      return { page: renderTagPage(site, tag), cacheControl: aWhile };
    }
    throw notFound(`There is no page at ${path}.`);
  }

  async function brief(path: string, date?: string): Promise<PageRender> {
    const view = await loadBrief(deps, date);
    // A preview is rendered again now and then even if nothing changes (its date rolls over).
    return { page: renderBriefPage(site, view, path), cacheControl: aWhile, reuseForMs: view.preview ? previewReuseMs : undefined };
  }

  async function deck(query: URLSearchParams): Promise<PageRender> {
    const tag = query.get('tag') || undefined;
    const difficulty = query.get('difficulty') || undefined;
    const pageText = query.get('page') ?? '1';
    if (difficulty !== undefined && !difficulties.includes(difficulty as Difficulty)) {
      throw badInput(`difficulty must be one of ${difficulties.join(', ')}, got ${difficulty}`);
    }
    if (!/^[1-9]\d{0,5}$/.test(pageText)) throw badInput(`page must be a whole number from 1, got ${pageText}`);
    if (tag !== undefined && !(await loadTag(db, tag))) throw notFound(`There is no tag called ${tag}.`);
    const page = Number(pageText);
    const view = await loadDeck(db, { tag, difficulty: difficulty as Difficulty | undefined }, page);
    if (page > view.pageCount) throw notFound(`The deck has ${view.pageCount} page${view.pageCount === 1 ? '' : 's'} for these filters.`);
    return { page: renderDeckPage(site, view), cacheControl: aWhile };
  }

  /** A 404 or 400: a page for clients that prefer HTML, the API's JSON error for everyone else. */
  function answerError(req: IncomingMessage, res: ServerResponse, error: PageError, path: string): void {
    if (!prefersHtml(req.headers.accept)) return sendError(res, error.status, error.code, error.message, { vary: 'accept' });
    const page = renderErrorPage(site, error.status, error.message, path);
    const body = Buffer.from(page.html);
    const head = pageHeaders(page.styleHash, 'accept');
    res.writeHead(error.status, [...head, 'content-type', 'text/html; charset=utf-8', 'content-length', body.length, 'cache-control', 'no-store']);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  return { owns, answerFromCache, route };
}

/** The metrics label of a page path: bounded, never a raw slug or date. */
function routeOf(path: string): string {
  if (path === '/' || path === '/concepts' || path === '/archive') return path;
  if (path.startsWith('/concepts/')) return path.endsWith('/diagram.svg') ? '/concepts/:slug/diagram.svg' : '/concepts/:slug';
  if (path.startsWith('/tags/')) return '/tags/:slug';
  return path === '/daily' || path === '/daily/' ? '/daily' : '/daily/:date';
}

/** Paths that also serve JSON vary by Accept too. */
const varyOf = (path: string) => (path.startsWith('/concepts/') || path.startsWith('/daily') ? 'accept, accept-encoding' : 'accept-encoding');
