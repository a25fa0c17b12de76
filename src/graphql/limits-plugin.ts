import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { bucketOf, type Client } from '../access/client.js';
import { chargeRateLimit, type RateLimitState } from '../access/rate-limit.js';
import { graphqlDuration, operationLabel, rateLimited } from '../shared/metrics.js';
import type { GraphQLContext, RateLimitConfig } from './context.js';
import { checkLimits, checkPagingArguments, queryCost, tooComplex, type QueryLimits } from './limits/index.js';

/**
 * The charge a request made, for the response cache to repeat on a hit. Apollo runs each operation
 * on a shallow clone of the context, so it is filed under the client object the clone shares.
 */
const charges = new WeakMap<Client, RateLimitState>();
export const chargeOf = (client: Client): RateLimitState | undefined => charges.get(client);

/**
 * Before execution: refuse paging arguments out of range and what breaks a query limit, then charge
 * the query's cost to the caller's rate limit (429 and RATE_LIMITED when spent). Also times every operation for /metrics.
 */
export function limitsPlugin(limits: QueryLimits, rateLimits: RateLimitConfig): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async didResolveOperation({ schema, document, request, operationName, contextValue, response }) {
          // Arguments, then limits, then the charge: a query refused for either costs nothing.
          checkPagingArguments(document, request.variables, operationName);
          const violations = checkLimits(schema, document, request.variables, operationName, limits);
          if (violations.length) {
            const error = tooComplex(violations);
            throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
          }
          const { client } = contextValue;
          const limit = limitOf(client, rateLimits);
          if (!limit) return;
          const cost = Math.max(1, queryCost(schema, document, request.variables, operationName, { flatIntrospection: true }));
          const state = await chargeRateLimit(contextValue.db, bucketOf(client), cost, limit, rateLimits.windowSeconds, new Date());
          contextValue.rateLimit = state;
          charges.set(client, state);
          for (const [name, value] of Object.entries(rateLimitHeaders(state))) response.http.headers.set(name, value);
          if (!state.allowed) {
            rateLimited.inc();
            const { message, retryAfter } = refusal(state);
            throw new GraphQLError(message, {
              extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: new HeaderMap([['retry-after', retryAfter]]) } },
            });
          }
        },
        async willSendResponse({ operationName, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          graphqlDuration.observe({ operation: operationLabel(operationName), outcome: errors?.length ? 'error' : 'ok' }, seconds);
        },
      };
    },
  };
}

/** The caller's points per window; 0 when its kind is not limited. Keys and the admin share the key limit. */
export function limitOf(client: Client, rateLimits: RateLimitConfig): number {
  const limit = client.kind === 'anonymous' ? rateLimits.anonymous : rateLimits.apiKey;
  return limit > 0 ? limit : 0;
}

/** What a refused charge tells the client (shared with the cached-response path, which answers without Apollo). */
export function refusal(state: RateLimitState): { message: string; retryAfter: string } {
  return {
    message: `rate limit exceeded: this query costs ${state.cost} points and ${state.remaining} of ${state.limit} remain; enough are back at ${new Date(state.retryAt).toISOString()}`,
    retryAfter: String(Math.max(1, Math.ceil((state.retryAt - Date.now()) / 1000))),
  };
}

/** The rate-limit headers as writeHead's flat list of names and values (the cached-response path). */
export function rateLimitHeaderList(state: RateLimitState): string[] {
  return [
    'x-ratelimit-limit',
    String(state.limit),
    'x-ratelimit-remaining',
    String(state.remaining),
    'x-ratelimit-reset',
    String(Math.ceil(state.resetAt.getTime() / 1000)),
    'x-ratelimit-cost',
    String(state.cost),
  ];
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const list = rateLimitHeaderList(state);
  const headers: Record<string, string> = {};
  for (let i = 0; i < list.length; i += 2) headers[list[i]!] = list[i + 1]!;
  return headers;
}
