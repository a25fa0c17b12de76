import { openConfiguredDatabase } from '../../db/configured.js';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from '../../access/api-keys.js';
import { migrate } from '../../db/migrate.js';
import { fromGlobalId, toGlobalId } from '../../graphql/ids.js';
import { AppError } from '../../shared/errors.js';
import type { CommandContext } from '../command.js';
import { UsageError } from '../usage.js';

const usageLine = 'usage: mlbrief keys create --name N | list [--json] | revoke ID';

/**
 * `keys create --name N` (prints the secret, once: only its hash is stored), `keys list [--json]`,
 * `keys revoke ID`. IDs are the GraphQL ids (`revokeApiKey(id)` takes the same); a bare number works too.
 */
export async function keys({ config, flags, options, positionals, out }: CommandContext): Promise<number> {
  const [action, ...args] = positionals;
  if (args.length > (action === 'revoke' ? 1 : 0)) throw new UsageError(`unexpected argument "${args[action === 'revoke' ? 1 : 0]}"`);
  if (flags.json && action !== 'list' && action !== 'create') throw new UsageError('--json goes with `keys create` and `keys list`');
  // Every argument is checked before the database is opened: bad input writes nothing.
  let id: number | undefined;
  if (action === 'create') {
    const name = options.name?.trim();
    if (!name || name.length > 100) throw new UsageError('keys create needs --name N (1–100 characters)');
  } else if (action === 'revoke') {
    if (!args[0]) throw new UsageError('keys revoke needs the key id (from `mlbrief keys list`)');
    id = keyId(args[0]);
  } else if (action !== 'list') {
    throw new UsageError(usageLine);
  }

  const { database, release } = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    const { db } = database;
    if (action === 'create') {
      const { key, secret } = await createApiKey(db, options.name!);
      if (flags.json) out(JSON.stringify({ ...jsonOf(key), secret }));
      else {
        out(`created API key ${toGlobalId('ApiKey', key.id)} "${key.name}"; its secret, shown only this once (send it as Authorization: Bearer <secret>):`);
        out(secret);
      }
    } else if (action === 'revoke') {
      try {
        const key = await revokeApiKey(db, id!);
        out(`revoked ${toGlobalId('ApiKey', key.id)} "${key.name}"`);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
        process.stderr.write(`mlbrief: no live API key ${args[0]} (unknown, or already revoked)\n`);
        return 1;
      }
    } else {
      const rows = await listApiKeys(db);
      for (const key of rows) {
        if (flags.json) out(JSON.stringify(jsonOf(key)));
        else out(`${toGlobalId('ApiKey', key.id)}  ${key.prefix}…  ${key.name}  created ${key.createdAt.toISOString()}${key.revokedAt ? `  revoked ${key.revokedAt.toISOString()}` : ''}`);
      }
    }
    return 0;
  } finally {
    await release();
  }
}

function keyId(text: string): number {
  if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text)) && Number(text) >= 1) return Number(text);
  try {
    const decoded = fromGlobalId(text);
    if (decoded.type === 'ApiKey') return decoded.id;
  } catch {
    // reported below, as any other malformed id
  }
  throw new UsageError(`"${text}" is not an API key id (see \`mlbrief keys list\`)`);
}

const jsonOf = (k: ApiKeyRow) => ({
  id: toGlobalId('ApiKey', k.id),
  name: k.name,
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
});
