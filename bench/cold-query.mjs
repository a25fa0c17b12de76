// A cold GraphQL query (no cache can answer it): concepts(first: 100) with tags, explanations and
// related, p50 over HTTP, against one hand-written json_agg statement served over node:http.
import { createServer } from 'node:http';
import { sql } from 'drizzle-orm';
import { startApp } from '../dist/app.js';
import { loadConfig } from '../dist/config/env.js';
import { openDatabase, queryRows } from '../dist/db/client.js';
import { createLogger } from '../dist/shared/logger.js';
import { scratchDatabase } from './scratch-db.mjs';

const runs = 60;

const handWritten = sql`select coalesce(json_agg(c order by c.slug), '[]') as data from (
  select c.slug,
    (select coalesce(json_agg(json_build_object('slug', t.slug) order by ct.position), '[]')
       from concept_tags ct join tags t on t.id = ct.tag_id where ct.concept_id = c.id) as tags,
    (select coalesce(json_agg(json_build_object('kind', upper(e.kind::text), 'body', e.body) order by e.position), '[]')
       from explanations e where e.concept_id = c.id) as explanations,
    (select coalesce(json_agg(json_build_object('slug', r.slug) order by cr.position), '[]')
       from concept_relations cr join concepts r on r.id = cr.related_id
       where cr.concept_id = c.id and cr.kind = 'related' and r.status = 'published') as related
  from concepts c where c.status = 'published' order by c.slug limit 100) c`;

/**
 * p50 of each of two requests, alternated one for one after a warm-up, so drift in the process (heap
 * growth, JIT, what else the cores are doing) hits both sides alike.
 */
async function alternatingP50(baselineFn, fn) {
  for (let i = 0; i < 5; i++) {
    await baselineFn(i);
    await fn(i);
  }
  const baseline = [];
  const times = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await baselineFn(i);
    baseline.push(performance.now() - t);
    t = performance.now();
    await fn(i + 5);
    times.push(performance.now() - t);
  }
  const p50 = (xs) => xs.sort((a, b) => a - b)[Math.floor(runs / 2)];
  return { baseline: p50(baseline), graphql: p50(times) };
}

export async function coldQueryBench({ postgresUrl } = {}) {
  const rows = [];
  const targets = [{ name: 'PGlite', options: { dataDir: 'memory://' } }];
  const scratch = postgresUrl ? await scratchDatabase(postgresUrl, 'cold') : undefined;
  if (scratch) targets.push({ name: 'PostgreSQL', options: { url: scratch.url, dataDir: '' } });
  for (const { name, options } of targets) {
    const database = await openDatabase(options);
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', NODE_ENV: 'production', RATE_LIMIT_ANONYMOUS: '0' });
    const app = await startApp({ config, logger: createLogger('silent'), database });
    const raw = createServer(async (_req, res) => {
      const [row] = await queryRows(database.db, handWritten);
      const body = JSON.stringify({ data: { concepts: row.data } });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise((r) => raw.listen(0, '127.0.0.1', r));
    const rawUrl = `http://127.0.0.1:${raw.address().port}`;
    const before = database.stats.statements;
    const { baseline, graphql } = await alternatingP50(
      () => fetch(rawUrl).then((r) => r.text()),
      (i) =>
        fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          // A different alias per request: no response cache can answer it.
          body: JSON.stringify({ query: `{ q${i}: concepts(first: 100) { edges { node { slug tags { slug } explanations { kind body } related { slug } } } } }` }),
        }).then((r) => r.text()),
    );
    // The baseline's statement counts too; take it out.
    const perQuery = (database.stats.statements - before) / (runs + 5) - 1;
    raw.close();
    await app.stop();
    await database.close();
    rows.push({
      figure: `${name}: cold concepts(first: 100) { tags explanations related }, p50 over HTTP, ${perQuery.toFixed(1)} SQL statements per query`,
      value: graphql,
      baseline,
      baselineName: `one hand-written json_agg statement over node:http; p50s of ${runs} alternating requests each`,
      target: '≤ 1.5×',
      unit: 'ms',
    });
  }
  await scratch?.drop();
  return rows;
}
