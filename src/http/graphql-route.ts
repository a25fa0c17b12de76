import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphQLContext, RateLimitConfig } from '../graphql/context.js';
import { adminAccess } from '../graphql/auth.js';
import type { Database } from '../db/client.js';
import { BodyTooLargeError, receiveBody } from './body.js';
import { sendError } from './respond.js';
import { etagMatches } from './conditional.js';
import { AppError } from '../shared/errors.js';
import { answerTooLarge } from './too-large.js';
import { bearerToken, bucketOf, knownClient, type Client } from '../access/client.js';
import { chargeLocally, chargeRateLimit, knownRemaining, type RateLimitState } from '../access/rate-limit.js';
import { rateLimited } from '../shared/metrics.js';
import { contentChanged, dataVersion } from '../cache/data-version.js';
import { chargeOf, limitOf, rateLimitHeaderList, rateLimitHeaders, refusal } from '../graphql/limits-plugin.js';
import { getContentType, getKey, GraphQLResponseCache, type CachedResponse, type Scope } from './graphql-cache.js';
import { createHash } from 'node:crypto';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { Lru } from '../cache/lru.js';
import { editionByDate } from '../daily/build.js';
import { dateIn } from '../shared/dates.js';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<GraphQLContext>;
  rateLimits: RateLimitConfig;
  context: (req: IncomingMessage) => Promise<GraphQLContext>;
  /** What an anonymous caller's rate limit is counted under (its address, or its IPv6 /64). */
  rateLimitKey: (req: IncomingMessage) => string;
  database: Database;
  adminToken: string | undefined;
  maxBodyBytes: number;
  maxDocumentBytes: number;
}

/**
 * Apollo Server on plain node:http (its integration API): we read the body ourselves so an
 * oversized or malformed one is answered before Apollo sees it. Cacheable queries (graphql-cache.ts)
 * are answered from memory while the data version stands, still authenticated and rate-limited:
 * `answerFromCache` does that synchronously for a body seen before; `route` does everything else.
 */
export function graphqlRoute({ apollo, rateLimits, context, rateLimitKey, database, adminToken, maxBodyBytes, maxDocumentBytes }: GraphQLRouteOptions) {
  const cache = new GraphQLResponseCache();
  const version = dataVersion(database);

  /** Calls `done` with the POST body, the error that answers it (413), or the stream's error. */
  const readPost = (req: IncomingMessage, done: (body: Buffer | Error) => void): void => receiveBody(req, maxBodyBytes, done);

  /**
   * The hot path: a body seen before as a cacheable query, from a caller known without the
   * database, charged within its limit by this process. False when any of that does not hold.
   */
  function answerFromCache(req: IncomingMessage, res: ServerResponse, raw: Buffer, requestId: string): boolean {
    // One clock reading for every freshness check below (each read showed in the profile).
    const now = performance.now();
    const client = clientOf(req, now);
    if (!client) return false;
    const hit = cache.forBody(req.headers['content-type'], raw, scopeOf(client, req), version, now);
    if (!hit) return false;
    // One list for writeHead, filled in place: no header object, no Array.prototype.concat (its
    // generic argument checks made that line the costliest of this function in the profile).
    const head = hit.head.slice();
    if (hit.charge) {
      const { limit, windowSeconds } = hit.charge;
      const state = chargeLocally(database.db, bucketOf(client), cachedCost, limit, windowSeconds, Date.now());
      if (!state) return false;
      if (!state.allowed) return refuse(res, hit, state, requestId);
      head.push(...rateLimitHeaderList(state));
    }
    head.push('x-request-id', requestId);
    res.writeHead(hit.status, head).end(hit.body);
    return true;
  }

  /** The 429 Apollo would give this query (same body, status and headers), without running Apollo. */
  function refuse(res: ServerResponse, hit: CachedResponse, state: RateLimitState, requestId: string): true {
    rateLimited.inc();
    const { message, retryAfter } = refusal(state);
    const contentType = hit.head[hit.head.indexOf('content-type') + 1] ?? 'application/json; charset=utf-8';
    sendError(res, 429, 'RATE_LIMITED', message, {
      'content-type': contentType,
      'cache-control': 'no-store',
      ...rateLimitHeaders(state),
      'retry-after': retryAfter,
      'x-request-id': requestId,
    });
    return true;
  }

  /**
   * A caller this process already knows has no point left in its window is refused before Apollo
   * parses anything (every query costs at least 1): a client hammering past its limit costs a map
   * lookup, not a parse and validation per request. Same status, code and headers as Apollo's 429.
   */
  function refuseSpent(req: IncomingMessage, res: ServerResponse): boolean {
    const client = clientOf(req);
    const limit = client && limitOf(client, rateLimits);
    if (!client || !limit) return false;
    const state = knownRemaining(database.db, bucketOf(client), limit, rateLimits.windowSeconds, Date.now());
    if (!state || state.allowed) return false;
    rateLimited.inc();
    const { 'x-ratelimit-cost': _cost, ...limitHeaders } = rateLimitHeaders(state);
    sendError(res, 429, 'RATE_LIMITED', `rate limit exceeded: no points of ${state.limit} remain; the next is back at ${new Date(state.retryAt).toISOString()}`, {
      ...limitHeaders,
      'retry-after': refusal(state).retryAfter,
    });
    return true;
  }

  /** The caller, when it can be known without the database (see knownClient). */
  function clientOf(req: IncomingMessage, now?: number): Client | undefined {
    const authorization = req.headers.authorization;
    const isAdmin = () => adminAccess(authorization, adminToken) === 'granted';
    return knownClient(database.db, bearerToken(authorization), isAdmin, rateLimitKey(req), now);
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer | BodyTooLargeError | undefined): Promise<void> {
    if (raw instanceof BodyTooLargeError) return answerTooLarge(req, res, raw.message);
    if (refuseSpent(req, res)) return;
    const isGet = req.method === 'GET' || req.method === 'HEAD';
    let body: unknown;
    if (req.method === 'POST' && raw) {
      const parsed = parseBody(raw, req.headers['content-type']);
      if (parsed instanceof Error) return sendError(res, 400, 'BAD_REQUEST', parsed.message);
      body = parsed;
    }
    const query = req.method === 'POST' ? (body as { query?: unknown } | undefined)?.query : url.searchParams.get('query');
    if (typeof query === 'string' && Buffer.byteLength(query) > maxDocumentBytes) {
      return sendError(res, 400, 'QUERY_TOO_COMPLEX', `query document size exceeds the limit of ${maxDocumentBytes} bytes`);
    }
    // A GET is classified like the POST of the same operation (an APQ hash by the query it stands
    // for), so both are answered with the same bytes, from one cache entry.
    const classified = req.method === 'POST' ? cache.classify(body) : isGet && csrfSafe(req) ? cache.classify(getOperation(url, apq)) : { kind: 'other' as const };
    let ctx: GraphQLContext;
    try {
      ctx = await context(req);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'UNAUTHENTICATED') throw error;
      return sendError(res, 401, error.code, error.message, { 'www-authenticate': 'Bearer', 'cache-control': 'no-store' });
    }
    let fill: { scope: Scope; key: string; version: number; body: { contentType: string | undefined; raw: string } } | undefined;
    if (classified.key) {
      const scope = scopeOf(ctx.client, req);
      const body = isGet ? { contentType: getContentType, raw: getKey(req.url ?? '') } : { contentType: req.headers['content-type'], raw: raw!.toString('utf8') };
      const current = await version.current();
      const hit = cache.get(scope, classified.key, current);
      if (hit) {
        cache.link(body.contentType, body.raw, scope, hit);
        if (await sendHit(req, res, ctx, hit, isGet)) return;
      }
      fill = { scope, key: classified.key, version: current, body };
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => Promise.resolve(ctx),
    });
    if (classified.kind === 'mutation') contentChanged();
    // Answers depend on the caller and change with the data: no shared cache may keep them, except
    // a cacheable GET's (below).
    res.setHeader('cache-control', 'no-store');
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (fill && res.statusCode === 200 && !('errors' in JSON.parse(response.body.string))) {
        const rateLimit = chargeOf(ctx.client);
        const bytes = Buffer.from(response.body.string);
        const kept = [...response.headers].filter(([name]) => !name.startsWith('x-ratelimit-') && name !== 'content-length' && name !== 'cache-control');
        const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
        const cacheControl = await httpCacheControl(ctx, fill.scope, classified.kind === 'cacheable' ? classified.document : '', body ?? getOperation(url, apq));
        const stored: CachedResponse = {
          version: fill.version,
          status: 200,
          head: [...kept.flat(), 'cache-control', 'no-store', 'content-length', String(bytes.length)],
          getHead: [...kept.flat(), 'cache-control', cacheControl, 'etag', etag, 'content-length', String(bytes.length)],
          etag,
          cacheControl,
          body: bytes,
          charge: rateLimit && { limit: rateLimit.limit, windowSeconds: rateLimit.windowSeconds },
        };
        cache.set(fill.scope, fill.key, stored, fill.body);
        if (isGet) {
          res.setHeader('cache-control', cacheControl);
          res.setHeader('etag', etag);
          if (matches(req, etag)) return void res.writeHead(304).end();
        }
      }
      res.end(req.method === 'HEAD' ? undefined : response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /**
   * The hot path of a GET: a request target seen before as a cacheable query, from a caller known
   * without the database and charged within its limit by this process; answered 304 when the
   * client's copy is current. False when any of that does not hold (`route` answers then).
   */
  function answerGetFromCache(req: IncomingMessage, res: ServerResponse, requestId: string): boolean {
    if (!csrfSafe(req) || req.headers.accept?.includes('html')) return false;
    const now = performance.now();
    const client = clientOf(req, now);
    if (!client) return false;
    const hit = cache.forGet(req.url ?? '', scopeOf(client, req), version, now);
    if (!hit) return false;
    const head = hit.getHead.slice();
    if (hit.charge) {
      const { limit, windowSeconds } = hit.charge;
      const state = chargeLocally(database.db, bucketOf(client), cachedCost, limit, windowSeconds, Date.now());
      if (!state) return false;
      if (!state.allowed) return refuse(res, hit, state, requestId);
      head.push(...rateLimitHeaderList(state));
    }
    head.push('x-request-id', requestId);
    if (matches(req, hit.etag)) {
      res.writeHead(304, withoutLength(head)).end();
      return true;
    }
    res.writeHead(hit.status, head).end(req.method === 'HEAD' ? undefined : hit.body);
    return true;
  }

  return { readPost, answerFromCache, answerGetFromCache, route };
}

/** What an answer served from the cache costs: it takes no execution, whatever its query would cost cold. */
export const cachedCost = 1;

/** Responses differ by the caller's kind (anonymous, key, admin) and by what it accepts. */
function scopeOf(client: Client, req: IncomingMessage): Scope {
  return { kind: client.kind, accept: req.headers.accept ?? '' };
}

/**
 * Answers from the cache after charging the rate limit as Apollo would; false when the charge is
 * refused, so Apollo answers with its 429 (a refused charge is not counted, so nothing is charged twice).
 */
async function sendHit(req: IncomingMessage, res: ServerResponse, ctx: GraphQLContext, hit: CachedResponse, isGet: boolean): Promise<boolean> {
  const head = (isGet ? hit.getHead : hit.head).slice();
  if (hit.charge) {
    const { limit, windowSeconds } = hit.charge;
    const state = await chargeRateLimit(ctx.db, bucketOf(ctx.client), cachedCost, limit, windowSeconds, new Date());
    if (!state.allowed) return false;
    head.push(...rateLimitHeaderList(state));
  }
  if (isGet && matches(req, hit.etag)) {
    res.writeHead(304, withoutLength(head)).end();
    return true;
  }
  res.writeHead(hit.status, head).end(req.method === 'HEAD' ? undefined : hit.body);
  return true;
}

/** Whether If-None-Match names this entity tag (or `*`). */
function matches(req: IncomingMessage, etag: string): boolean {
  return etagMatches(req.headers['if-none-match'], etag);
}

/** A 304 has no body: its head without content-length. */
function withoutLength(head: string[]): string[] {
  const i = head.indexOf('content-length');
  return i === -1 ? head : [...head.slice(0, i), ...head.slice(i + 2)];
}

/**
 * Apollo's CSRF prevention lets a GET through when it has a non-empty apollo-require-preflight or
 * x-apollo-operation-name header, or a content type a form cannot send; the cached path serves
 * only those (the rest get Apollo's 400).
 */
function csrfSafe(req: IncomingMessage): boolean {
  const { headers } = req;
  if (headers['apollo-require-preflight'] || headers['x-apollo-operation-name']) return true;
  const type = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return type !== undefined && type !== '' && type !== 'text/plain' && type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data';
}

/** Queries by their APQ hash, as registered through this process (Apollo keeps its own copy). */
const apq = new Lru<string, string>(1000);

/**
 * The operation a GET asks for, as a POST body would carry it: its query, or the one an APQ
 * hash stands for when known (a request carrying both registers the pair once the hash matches).
 */
function getOperation(url: URL, registered: Lru<string, string>): Record<string, unknown> | undefined {
  const params = url.searchParams;
  let query = params.get('query') ?? undefined;
  const hash = persistedHash(params.get('extensions'));
  if (hash && query !== undefined) {
    if (createHash('sha256').update(query).digest('hex') !== hash) return undefined;
    registered.set(hash, query);
  } else if (hash) query = registered.get(hash);
  if (query === undefined) return undefined;
  try {
    const variables = params.get('variables');
    return { query, operationName: params.get('operationName') ?? undefined, variables: variables ? JSON.parse(variables) : undefined };
  } catch {
    return undefined;
  }
}

function persistedHash(extensions: string | null): string | undefined {
  if (!extensions) return undefined;
  try {
    const hash = (JSON.parse(extensions) as { persistedQuery?: { sha256Hash?: unknown } }).persistedQuery?.sha256Hash;
    return typeof hash === 'string' ? hash : undefined;
  } catch {
    return undefined;
  }
}

const forever = 'public, max-age=31536000, immutable';
const aWhile = 'public, max-age=300';

/**
 * What a GET of a cacheable answer may be kept for: anonymous reads by anyone (as /daily), for a
 * year when every edition it reads is a published past date (frozen); other callers' answers
 * only by them, revalidated each time.
 */
async function httpCacheControl(ctx: GraphQLContext, scope: Scope, document: string, operation: unknown): Promise<string> {
  if (scope.kind !== 'anonymous') return 'private, no-cache';
  const dates = dailyDates(document, (operation as { variables?: Record<string, unknown> } | undefined)?.variables);
  const today = dateIn(ctx.timeZone, new Date());
  if (!dates || dates.some((d) => d >= today)) return aWhile;
  for (const date of dates) if (!(await editionByDate(ctx.db, date))) return aWhile;
  return forever;
}

/** The `date` of every root `daily` field; undefined when one has none (the newest edition, which changes). */
function dailyDates(document: string, variables: Record<string, unknown> | undefined): string[] | undefined {
  if (!document) return undefined;
  const operation = parse(document).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const dates: string[] = [];
  for (const field of operation?.selectionSet.selections ?? []) {
    if (field.kind !== Kind.FIELD || field.name.value !== 'daily') continue;
    const arg = field.arguments?.find((a) => a.name.value === 'date')?.value;
    const value = arg?.kind === Kind.STRING ? arg.value : arg?.kind === Kind.VARIABLE ? variables?.[arg.name.value] : undefined;
    if (typeof value !== 'string') return undefined;
    dates.push(value);
  }
  return dates;
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json' && mediaType !== 'application/graphql-response+json') {
    // Apollo answers a missing or unsupported content type with its own 400 (and CSRF rules).
    return raw.length ? raw.toString('utf8') : undefined;
  }
  if (raw.length === 0) return new Error('request body is empty; send a JSON object with a "query"');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return new Error('request body is not valid JSON');
  }
}
