import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { createContext, type ContextDeps, type GraphQLContext } from '../graphql/context.js';
import { recordRequest } from '../shared/metrics.js';
import { applyCors, corsConstantHeaders } from './cors.js';
import { dailyRoutes } from './daily-routes.js';
import { explorerRoute } from './explorer.js';
import { schemaRoute } from './schema-route.js';
import { restRateLimit } from './rest-rate-limit.js';
import { conceptJsonReader } from '../graphql/concept-json.js';
import { buildSchema } from '../graphql/schema.js';
import { graphqlRoute } from './graphql-route.js';
import { healthz, readyz } from './health.js';
import { mailRoutes } from './mail-routes.js';
import { metricsRoute } from './metrics-route.js';
import { prefersHtml } from './negotiate.js';
import { pageRoutes } from './pages/page-routes.js';
import { BodyTooLargeError } from './body.js';
import { sendError } from './respond.js';
import { clientAddress, rateLimitKey } from '../access/client-address.js';
import type { TrustProxy } from '../config/trust-proxy.js';

export interface AppDeps extends ContextDeps {
  apollo: ApolloServer<GraphQLContext>;
  corsOrigins: string[];
  /** Where the reader's built assets are; defaults to dist/assets. */
  assetsDir?: string;
  maxBodyBytes?: number;
  /** GraphQL documents longer than this are refused before parsing. */
  maxDocumentBytes?: number;
  /** TRUST_PROXY: whose forwarding headers name the client (default: nobody's). */
  trustProxy?: TrustProxy;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * The node:http request handler: one small router over the paths of shared/PRODUCT.md. Cached
 * daily bytes are answered synchronously before anything else is set up (issue 7: the hot path
 * should cost little more than node:http itself); everything else goes through `handle`.
 */
export function createRequestHandler(deps: AppDeps): RequestHandler {
  const { database, logger, maxBodyBytes = 1_000_000, trustProxy = { kind: 'none' } } = deps;
  const addressOf = (req: IncomingMessage) => clientAddress(req.socket.remoteAddress, req.headers, trustProxy);
  const corsHeaders = corsConstantHeaders(deps.corsOrigins);
  const schema = buildSchema();
  const limitKey = (req: IncomingMessage) => rateLimitKey(addressOf(req));
  const internal = { authorization: undefined, address: 'internal', rateLimitKey: 'internal', requestId: 'internal' };
  const daily = dailyRoutes({
    database,
    timeZone: deps.timeZone,
    origin: deps.origin,
    headers: corsHeaders,
    rateLimit: restRateLimit({ database, rateLimits: deps.rateLimits, adminToken: deps.adminToken, rateLimitKey: limitKey }),
    conceptJson: conceptJsonReader(schema, () => createContext(deps, internal)),
  });
  const pages = pageRoutes({ database, timeZone: deps.timeZone, origin: deps.origin, assetsDir: deps.assetsDir });
  const mail = mailRoutes({ mail: deps.mail, addressOf });
  const sdl = schemaRoute(schema);
  const graphql = graphqlRoute({
    apollo: deps.apollo,
    rateLimits: deps.rateLimits,
    database,
    adminToken: deps.adminToken,
    maxBodyBytes,
    maxDocumentBytes: deps.maxDocumentBytes ?? 20_000,
    rateLimitKey: (req) => rateLimitKey(addressOf(req)),
    context: (req) => {
      const address = addressOf(req);
      return createContext(deps, {
        authorization: req.headers.authorization,
        address,
        rateLimitKey: rateLimitKey(address),
        requestId: String(req.headers['x-request-id']),
      });
    },
  });

  /** A GraphQL POST: answered from the body's 'end' event when the cache can, else by `handle`. */
  function post(req: IncomingMessage, res: ServerResponse, path: string, requestId: string, started: number): void {
    graphql.readPost(req, (raw) => {
      if (Buffer.isBuffer(raw) && graphql.answerFromCache(req, res, raw, requestId)) {
        return recordRequest('POST', '/graphql', res.statusCode, started);
      }
      if (raw instanceof BodyTooLargeError || Buffer.isBuffer(raw)) {
        return void handle(req, res, path, requestId, started, raw).catch((error: unknown) => fail(req, res, error, requestId, path));
      }
      fail(req, res, raw, requestId, path);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string, requestId: string, started: number, raw?: Buffer | BodyTooLargeError): Promise<void> {
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of Object.entries(corsHeaders)) if (!res.hasHeader(name)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.once('finish', () => {
      const route = routeName(url.pathname);
      recordRequest(req.method ?? 'GET', route, res.statusCode, started);
      if (logger.isLevelEnabled('debug')) {
        logger.debug({ requestId, client: addressOf(req), method: req.method, path: url.pathname, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
      }
    });
    try {
      if (url.pathname === '/graphql') {
        // A browser opening the endpoint gets the explorer; every GraphQL client gets GraphQL.
        if (req.method === 'GET' && prefersHtml(req.headers.accept)) return void (await explorerRoute(req, res, '/explorer'));
        return await graphql.route(req, res, url, raw);
      }
      if (await mail.route(req, res, url)) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${url.pathname}`);
      }
      if (url.pathname === '/healthz') return healthz(res);
      if (url.pathname === '/readyz') return await readyz(res, database);
      if (url.pathname === '/metrics') return await metricsRoute(res);
      if (url.pathname === '/schema.graphql') return sdl(req, res);
      if (await explorerRoute(req, res, url.pathname)) return;
      if (pages.owns(req, url.pathname)) return await pages.route(req, res, url, requestId);
      if (await daily.route(req, res, url.pathname, requestId)) return;
      sendError(res, 404, 'NOT_FOUND', `no route for ${url.pathname}`);
    } catch (error) {
      fail(req, res, error, requestId, url.pathname);
    }
  }

  /** An unexpected error: logged in full, answered as a masked 500 (or the connection cut mid-body). */
  function fail(req: IncomingMessage, res: ServerResponse, error: unknown, requestId: string, path: string): void {
    logger.error({ err: error, requestId, client: addressOf(req), path }, 'request failed');
    if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    else res.destroy();
  }

  return (req, res) => {
    const started = performance.now();
    const requestId = headerValue(req.headers['x-request-id']) ?? nextRequestId();
    const path = pathOf(req.url);
    if (applyCors(req, res, deps.corsOrigins)) return recordRequest('OPTIONS', routeName(path), res.statusCode, started);
    if (req.method === 'GET' || req.method === 'HEAD') {
      const route = pages.owns(req, path) ? pages.answerFromCache(req, res, path, requestId) : daily.answerFromCache(req, res, path, requestId);
      if (route) return recordRequest(req.method, route, res.statusCode, started);
    }
    if (path === '/graphql' && req.method === 'POST') return post(req, res, path, requestId, started);
    if (path === '/graphql' && (req.method === 'GET' || req.method === 'HEAD') && graphql.answerGetFromCache(req, res, requestId)) {
      return recordRequest(req.method, '/graphql', res.statusCode, started);
    }
    return handle(req, res, path, requestId, started).catch((error: unknown) => fail(req, res, error, requestId, path));
  };
}

/**
 * Request ids: a random tag per process and a counter. Unique across processes and restarts like a
 * UUID for log correlation, at a fraction of the cost on the hot path.
 */
const processTag = randomBytes(6).toString('base64url');
let requestCount = 0;
const nextRequestId = () => `${processTag}-${++requestCount}`;

/** The path of a request target, without parsing a whole URL (the router needs only the path). */
function pathOf(target: string | undefined): string {
  if (!target) return '/';
  const q = target.indexOf('?');
  return q === -1 ? target : target.slice(0, q);
}

/** A bounded label for metrics: the route, never the raw path. */
function routeName(path: string): string {
  if (path === '/graphql' || path === '/healthz' || path === '/readyz' || path === '/metrics' || path === '/' || path === '/concepts' || path === '/archive' || path === '/explorer' || path === '/schema.graphql') return path;
  if (path.startsWith('/assets/')) return '/assets';
  if (path.startsWith('/tags/')) return '/tags/:slug';
  if (path === '/subscribe' || path === '/confirm' || path === '/unsubscribe') return path;
  if (path.startsWith('/daily')) return path.includes('email') ? '/daily/:date/email' : path === '/daily' ? '/daily' : '/daily/:date';
  if (/^\/feed\/daily\.(rss|atom|json)$/.test(path)) return path;
  if (path.startsWith('/concepts/')) return path.endsWith('/diagram.svg') ? '/concepts/:slug/diagram.svg' : '/concepts/:slug';
  if (path.startsWith('/explorer/')) return '/explorer';
  return 'other';
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && /^[\w.-]{1,128}$/.test(v) ? v : undefined;
}
