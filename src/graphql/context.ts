import type { Database } from '../db/client.js';
import type { FetchOptions } from '../news/types.js';
import type { Logger } from '../shared/logger.js';
import { adminAccess, type AdminAccess } from './auth.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface GraphQLContext {
  db: Database['db'];
  database: Database;
  loaders: Loaders;
  logger: Logger;
  admin: AdminAccess;
  fetchOptions: Omit<FetchOptions, 'maxRedirects'>;
  /** EDITION_TIMEZONE: the zone that defines a "day". */
  timeZone: string;
}

export interface ContextDeps {
  database: Database;
  logger: Logger;
  adminToken: string | undefined;
  fetchOptions: Omit<FetchOptions, 'maxRedirects'>;
  timeZone: string;
}

export function createContext(deps: ContextDeps, request: { authorization: string | undefined }): GraphQLContext {
  return {
    db: deps.database.db,
    database: deps.database,
    loaders: createLoaders(deps.database.db),
    logger: deps.logger,
    admin: adminAccess(request.authorization, deps.adminToken),
    fetchOptions: deps.fetchOptions,
    timeZone: deps.timeZone,
  };
}
