import type { RateLimitState } from '../access/rate-limit.js';
import { bearerToken, identifyClient, type Client } from '../access/client.js';
import type { Database } from '../db/client.js';
import type { FetchOptions } from '../news/types.js';
import type { MailService } from '../mail/service.js';
import type { Logger } from '../shared/logger.js';
import { adminAccess, type AdminAccess } from './auth.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface RateLimitConfig {
  /** Points per window; 0 turns that limit off. */
  anonymous: number;
  apiKey: number;
  windowSeconds: number;
}

export interface GraphQLContext {
  db: Database['db'];
  database: Database;
  loaders: Loaders;
  logger: Logger;
  admin: AdminAccess;
  client: Client;
  /** Set before execution by the limits plugin: what this request cost and what is left. */
  rateLimit?: RateLimitState;
  fetchOptions: Omit<FetchOptions, 'maxRedirects'>;
  /** EDITION_TIMEZONE: the zone that defines a "day". */
  timeZone: string;
  /** Subscriptions to the daily e-mail. */
  mail: MailService;
  /** The public origin (PUBLIC_URL) that absolute links start with. */
  origin: string;
}

export interface ContextDeps {
  database: Database;
  logger: Logger;
  adminToken: string | undefined;
  fetchOptions: Omit<FetchOptions, 'maxRedirects'>;
  timeZone: string;
  rateLimits: RateLimitConfig;
  mail: MailService;
  /** publicOrigin(config); a function, as the port may be known only once listening. */
  origin: () => string;
}

export interface RequestInfo {
  authorization: string | undefined;
  /** The client's address, for logs. */
  address: string;
  /** What its anonymous rate limit is counted under (the address, or its IPv6 /64). */
  rateLimitKey: string;
  requestId: string;
}

export async function createContext(deps: ContextDeps, request: RequestInfo): Promise<GraphQLContext> {
  const admin = adminAccess(request.authorization, deps.adminToken);
  const client = await identifyClient(deps.database.db, bearerToken(request.authorization), admin === 'granted', request.rateLimitKey);
  let loaders: Loaders | undefined;
  let logger: Logger | undefined;
  return {
    db: deps.database.db,
    database: deps.database,
    // Built on first use: a request answered from the response cache never needs them.
    get loaders() {
      return (loaders ??= createLoaders(deps.database.db));
    },
    get logger() {
      return (logger ??= deps.logger.child({ requestId: request.requestId, client: request.address }));
    },
    admin,
    client,
    fetchOptions: deps.fetchOptions,
    timeZone: deps.timeZone,
    mail: deps.mail,
    origin: deps.origin(),
  };
}
