import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { GraphQLContext, RateLimitConfig } from './context.js';
import { errorStatusPlugin, noSubscriptionsRule, withoutHints } from './error-status.js';
import { limitsPlugin } from './limits-plugin.js';
import { QUERY_TOO_COMPLEX, type QueryLimits } from './limits/index.js';
import { buildSchema } from './schema.js';

export interface GraphQLServerOptions {
  introspection: boolean;
  production: boolean;
  logger: Logger;
  limits: QueryLimits;
  rateLimits: RateLimitConfig;
}

/** Codes of errors that are the client's to see; anything else is masked (and logged in full). */
const clientCodes = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  QUERY_TOO_COMPLEX,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/**
 * Client mistakes Apollo reports without a code of ours (so they would read as INTERNAL_SERVER_ERROR)
 * or under one PRODUCT.md does not list: all are BAD_REQUEST.
 */
const badRequests = new Set(['provided sha does not match query', 'Unsupported persisted query version']);
const badRequestCodes = new Set(['OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_SUPPORTED']);

export async function createGraphQLServer(options: GraphQLServerOptions): Promise<ApolloServer<GraphQLContext>> {
  const { logger } = options;
  const server = new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    introspection: options.introspection,
    csrfPrevention: true,
    // We drain HTTP and close the database ourselves on SIGTERM; Apollo's handler would re-raise it.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: options.production,
    logger: logger.child({ component: 'apollo' }),
    // Refuses a huge document while parsing, before an AST is built.
    parseOptions: { maxTokens: options.limits.maxTokens },
    allowBatchedHttpRequests: false,
    // Apollo's cache-control plugin wraps every resolver to collect hints we never use (responses
    // are cached by graphql-cache.ts, keyed by data version): ~5 % of a cold 100-card query.
    // The route sends Cache-Control: no-store itself.
    validationRules: [noSubscriptionsRule],
    plugins: [limitsPlugin(options.limits, options.rateLimits), errorStatusPlugin(), ApolloServerPluginCacheControlDisabled()],
    formatError: (formatted, error) => {
      const shown = formatError(formatted, error, logger);
      return options.production ? { ...shown, message: withoutHints(shown.message) } : shown;
    },
  });
  await server.start();
  return server;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return { ...formatted, message: original.message, extensions: { code: original.code } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && clientCodes.has(code)) return formatted;
  if (badRequests.has(formatted.message) || (typeof code === 'string' && badRequestCodes.has(code))) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
  }
  if (original instanceof GraphQLError && !original.originalError && code === undefined) return formatted;
  logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

