import type { Database } from '../db/client.js';
import type { Logger } from '../shared/logger.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface GraphQLContext {
  db: Database['db'];
  loaders: Loaders;
  logger: Logger;
}

export function createContext(database: Database, logger: Logger): GraphQLContext {
  return { db: database.db, loaders: createLoaders(database.db), logger };
}
