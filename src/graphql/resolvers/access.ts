import { createApiKey, revokeApiKey } from '../../access/api-keys.js';
import { requireAdmin } from '../auth.js';
import type { ApiKeyResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers.js';
import { idOf, toGlobalId } from '../ids.js';

export const accessQueries: Pick<QueryResolvers, 'rateLimit'> = {
  rateLimit: (_, __, { rateLimit }) => rateLimit ?? null,
};

export const accessMutations: Pick<MutationResolvers, 'createApiKey' | 'revokeApiKey'> = {
  createApiKey: (_, { name }, { db, admin }) => {
    requireAdmin(admin);
    return createApiKey(db, name);
  },
  revokeApiKey: (_, { id }, { db, admin }) => {
    requireAdmin(admin);
    return revokeApiKey(db, idOf('ApiKey', id));
  },
};

export const ApiKey: ApiKeyResolvers = {
  id: (k) => toGlobalId('ApiKey', k.id),
};
