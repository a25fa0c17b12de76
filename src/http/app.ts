import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { createContext, type ContextDeps, type GraphQLContext } from '../graphql/context.js';
import { httpDuration, httpRequests } from '../shared/metrics.js';
import { applyCors } from './cors.js';
import { dailyRoutes } from './daily-routes.js';
import { explorerRoute } from './explorer.js';
import { graphqlRoute } from './graphql-route.js';
import { healthz, readyz } from './health.js';
import { metricsRoute } from './metrics-route.js';
import { sendError } from './respond.js';

export interface AppDeps extends ContextDeps {
  apollo: ApolloServer<GraphQLContext>;
  corsOrigins: string[];
  maxBodyBytes?: number;
  /** GraphQL documents longer than this are refused before parsing. */
  maxDocumentBytes?: number;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The node:http request handler: one small router over the paths of shared/PRODUCT.md. */
export function createRequestHandler(deps: AppDeps): RequestHandler {
  const { database, apollo, logger, maxBodyBytes = 1_000_000 } = deps;
  const daily = dailyRoutes({ database, timeZone: deps.timeZone });
  const graphql = graphqlRoute({
    apollo,
    maxBodyBytes,
    maxDocumentBytes: deps.maxDocumentBytes ?? 20_000,
    context: (req) =>
      createContext(deps, {
        authorization: req.headers.authorization,
        address: req.socket.remoteAddress ?? 'unknown',
        requestId: String(req.headers['x-request-id']),
      }),
  });

  return async (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = headerValue(req.headers['x-request-id']) ?? randomUUID();
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routeName(url.pathname);
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      httpRequests.inc({ method: req.method ?? 'GET', route, status: String(res.statusCode) });
      httpDuration.observe({ route }, seconds);
      logger.debug({ requestId, method: req.method, path: url.pathname, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    try {
      if (applyCors(req, res, deps.corsOrigins)) return;
      if (url.pathname === '/graphql') return await graphql(req, res, url);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${url.pathname}`);
      }
      if (url.pathname === '/healthz') return healthz(res);
      if (url.pathname === '/readyz') return await readyz(res, database);
      if (url.pathname === '/metrics') return await metricsRoute(res);
      if (await explorerRoute(res, url.pathname)) return;
      if (await daily(req, res, url.pathname)) return;
      sendError(res, 404, 'NOT_FOUND', `no route for ${url.pathname}`);
    } catch (error) {
      logger.error({ err: error, requestId, path: url.pathname }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.destroy();
    }
  };
}

/** A bounded label for metrics: the route, never the raw path. */
function routeName(path: string): string {
  if (path === '/graphql' || path === '/healthz' || path === '/readyz' || path === '/metrics' || path === '/') return path;
  if (path.startsWith('/daily')) return path.includes('email') ? '/daily/:date/email' : path === '/daily' ? '/daily' : '/daily/:date';
  if (/^\/feed\/daily\.(rss|atom|json)$/.test(path)) return path;
  if (path.startsWith('/concepts/')) return '/concepts/:slug';
  if (path.startsWith('/explorer/')) return '/explorer';
  return 'other';
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && /^[\w.-]{1,128}$/.test(v) ? v : undefined;
}
