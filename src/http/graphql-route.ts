import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphQLContext, RateLimitConfig } from '../graphql/context.js';
import { adminAccess } from '../graphql/auth.js';
import type { Database } from '../db/client.js';
import { BodyTooLargeError, receiveBody } from './body.js';
import { sendError } from './respond.js';
import { AppError } from '../shared/errors.js';
import { answerTooLarge } from './too-large.js';
import { bearerToken, bucketOf, knownClient, type Client } from '../access/client.js';
import { chargeLocally, chargeRateLimit, knownRemaining, type RateLimitState } from '../access/rate-limit.js';
import { rateLimited } from '../shared/metrics.js';
import { contentChanged, dataVersion } from '../cache/data-version.js';
import { chargeOf, limitOf, rateLimitHeaderList, rateLimitHeaders, refusal } from '../graphql/limits-plugin.js';
import { GraphQLResponseCache, type CachedResponse, type Scope } from './graphql-cache.js';

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
    return knownClient(bearerToken(authorization), isAdmin, rateLimitKey(req), now);
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer | BodyTooLargeError | undefined): Promise<void> {
    if (raw instanceof BodyTooLargeError) return answerTooLarge(req, res, raw.message);
    if (refuseSpent(req, res)) return;
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
    const classified = req.method === 'POST' ? cache.classify(body) : { kind: 'other' as const };
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
      const body = { contentType: req.headers['content-type'], raw: raw!.toString('utf8') };
      const current = await version.current();
      const hit = cache.get(scope, classified.key, current);
      if (hit) {
        cache.link(body.contentType, body.raw, scope, hit);
        if (await sendHit(res, ctx, hit)) return;
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
    // Answers depend on the caller and change with the data: no shared cache may keep them.
    res.setHeader('cache-control', 'no-store');
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (fill && res.statusCode === 200 && !('errors' in JSON.parse(response.body.string))) {
        const rateLimit = chargeOf(ctx.client);
        const bytes = Buffer.from(response.body.string);
        const kept = [...response.headers].filter(([name]) => !name.startsWith('x-ratelimit-') && name !== 'content-length' && name !== 'cache-control');
        cache.set(fill.scope, fill.key, {
          version: fill.version,
          status: 200,
          head: [...kept.flat(), 'cache-control', 'no-store', 'content-length', String(bytes.length)],
          body: bytes,
          charge: rateLimit && { limit: rateLimit.limit, windowSeconds: rateLimit.windowSeconds },
        }, fill.body);
      }
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return { readPost, answerFromCache, route };
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
async function sendHit(res: ServerResponse, ctx: GraphQLContext, hit: CachedResponse): Promise<boolean> {
  const head = hit.head.slice();
  if (hit.charge) {
    const { limit, windowSeconds } = hit.charge;
    const state = await chargeRateLimit(ctx.db, bucketOf(ctx.client), cachedCost, limit, windowSeconds, new Date());
    if (!state.allowed) return false;
    head.push(...rateLimitHeaderList(state));
  }
  res.writeHead(hit.status, head).end(hit.body);
  return true;
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
