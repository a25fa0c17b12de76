// SQL statements per GraphQL query: constant in `first` thanks to per-request DataLoaders.
import { startApp } from '../dist/app.js';
import { loadConfig } from '../dist/config/env.js';
import { openDatabase } from '../dist/db/client.js';
import { createLogger } from '../dist/shared/logger.js';
import { scratchDatabase } from './scratch-db.mjs';

const query = (first) =>
  `{ concepts(first: ${first}) { edges { node { slug tags { slug } explanations { kind body } related { slug } } } } }`;

export async function statementBench({ postgresUrl } = {}) {
  const rows = [];
  const targets = [{ name: 'PGlite', options: { dataDir: 'memory://' } }];
  const scratch = postgresUrl ? await scratchDatabase(postgresUrl, 'statements') : undefined;
  if (scratch) targets.push({ name: 'PostgreSQL', options: { url: scratch.url, dataDir: '' } });
  for (const { name, options } of targets) {
    const database = await openDatabase(options);
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', NODE_ENV: 'production', RATE_LIMIT_ANONYMOUS: '0' });
    const app = await startApp({ config, logger: createLogger('silent'), database });
    const counts = {};
    for (const first of [5, 100]) {
      const before = database.stats.statements;
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: query(first) }),
      });
      const body = await res.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      counts[first] = database.stats.statements - before;
    }
    await app.stop();
    await database.close();
    rows.push({
      figure: `${name}: SQL statements, concepts(first: 100) { tags explanations related }`,
      value: counts[100],
      baseline: counts[5],
      baselineName: 'same query, first: 5',
      target: '1.00× and ≤ 4',
      unit: 'statements',
    });
  }
  await scratch?.drop();
  return rows;
}
