import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, bucketOf, identifyClient, knownClient, type Client } from '../access/client.js';
import { chargeLocally, chargeRateLimit, type RateLimitState } from '../access/rate-limit.js';
import type { Database } from '../db/client.js';
import { adminAccess } from '../graphql/auth.js';
import type { RateLimitConfig } from '../graphql/context.js';
import { limitOf, rateLimitHeaderList, refusal } from '../graphql/limits-plugin.js';
import { AppError } from '../shared/errors.js';
import { rateLimited } from '../shared/metrics.js';
import { sendError } from './respond.js';

/** What a request to a plain HTTP route (/daily, feeds, /concepts/SLUG) costs: one rendered answer. */
export const restCost = 1;

/** No rate-limit headers: that kind of caller is not limited. */
const unlimited: string[] = [];

/**
 * The rate limit of the plain HTTP routes: the same budget, headers and 429 as /graphql, one point
 * a request, per API key or client address; an unknown or revoked key is 401 here too.
 * `now` answers synchronously (the cached-answer path) or undefined when the database must decide;
 * `charge` always decides. Both give the header list to send, or undefined when they answered.
 */
export function restRateLimit(deps: { database: Database; rateLimits: RateLimitConfig; adminToken: string | undefined; rateLimitKey: (req: IncomingMessage) => string }) {
  const { database, rateLimits } = deps;

  function decide(res: ServerResponse, client: Client, state: RateLimitState | undefined): string[] | undefined | false {
    if (!state) return false;
    if (state.allowed) return rateLimitHeaderList(state);
    rateLimited.inc();
    const { message, retryAfter } = refusal(state);
    const list = rateLimitHeaderList(state);
    const headers: Record<string, string> = { 'retry-after': retryAfter, 'cache-control': 'no-store' };
    for (let i = 0; i < list.length; i += 2) headers[list[i]!] = list[i + 1]!;
    sendError(res, 429, 'RATE_LIMITED', message, headers);
    return undefined;
  }

  /** Synchronous: false when it cannot decide without the database. */
  function now(req: IncomingMessage, res: ServerResponse): string[] | undefined | false {
    const authorization = req.headers.authorization;
    const client = knownClient(deps.database.db, bearerToken(authorization), () => adminAccess(authorization, deps.adminToken) === 'granted', deps.rateLimitKey(req));
    if (!client) return false;
    const limit = limitOf(client, rateLimits);
    if (!limit) return unlimited;
    return decide(res, client, chargeLocally(database.db, bucketOf(client), restCost, limit, rateLimits.windowSeconds, Date.now()));
  }

  async function charge(req: IncomingMessage, res: ServerResponse): Promise<string[] | undefined> {
    const authorization = req.headers.authorization;
    let client: Client;
    try {
      client = await identifyClient(database.db, bearerToken(authorization), adminAccess(authorization, deps.adminToken) === 'granted', deps.rateLimitKey(req));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'UNAUTHENTICATED') throw error;
      sendError(res, 401, error.code, error.message, { 'www-authenticate': 'Bearer', 'cache-control': 'no-store' });
      return undefined;
    }
    const limit = limitOf(client, rateLimits);
    if (!limit) return unlimited;
    const state = await chargeRateLimit(database.db, bucketOf(client), restCost, limit, rateLimits.windowSeconds, new Date());
    return decide(res, client, state) || undefined;
  }

  return { now, charge };
}

export type RestRateLimit = ReturnType<typeof restRateLimit>;
