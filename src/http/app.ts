import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { createContext, type ContextDeps, type GraphQLContext } from '../graphql/context.js';
import type { Logger } from '../shared/logger.js';
import { dailyRoutes } from './daily-routes.js';
import { explorerRoute } from './explorer.js';
import { graphqlRoute } from './graphql-route.js';
import { healthz, readyz } from './health.js';
import { sendError } from './respond.js';

export interface AppDeps extends ContextDeps {
  apollo: ApolloServer<GraphQLContext>;
  maxBodyBytes?: number;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The node:http request handler: one small router over the paths of shared/PRODUCT.md. */
export function createRequestHandler(deps: AppDeps): RequestHandler {
  const { database, apollo, logger, maxBodyBytes = 1_000_000 } = deps;
  const daily = dailyRoutes({ database, timeZone: deps.timeZone });
  const graphql = graphqlRoute({ apollo, maxBodyBytes, context: async (req) => createContext(deps, { authorization: req.headers.authorization }) });

  return async (req, res) => {
    const requestId = headerValue(req.headers['x-request-id']) ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/graphql') return await graphql(req, res, url);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${url.pathname}`);
      }
      if (url.pathname === '/healthz') return healthz(res);
      if (url.pathname === '/readyz') return await readyz(res, database);
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

function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && /^[\w.-]{1,128}$/.test(v) ? v : undefined;
}
