// Growth: with 10,000 concepts, time building an edition, stories(since:) and search at 10k, 100k
// and 1M stories, each as a ratio to its time at 10k; EXPLAIN shows which indexes the hot queries use.
// News arrives at a steady 2,000 stories a day, so a larger table means more history, not a busier
// day: the edition window holds the same stories at every scale.
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../dist/db/client.js';
import { migrate } from '../dist/db/migrate.js';
import { publishEdition } from '../dist/daily/build.js';
import { listStories } from '../dist/news/stories.queries.js';
import { searchConcepts } from '../dist/content/concepts.queries.js';
import { addDays } from '../dist/shared/dates.js';
import { scratchDatabase } from './scratch-db.mjs';

const scales = (process.env.BENCH_GROWTH_SCALES ?? '10000,100000,1000000').split(',').map(Number);
const end = new Date(Date.UTC(2026, 10, 1));
const editionDate = '2026-11-01'; // its window is the last day of generated news

async function median(fn, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function addStories(db, from, to) {
  // Chunks of 100k keep each statement well inside the 15 s statement_timeout.
  for (let start = from; start < to; start += 100_000) await addChunk(db, start, Math.min(to, start + 100_000));
}

async function addChunk(db, from, to) {
  // generate_series inside the database: the data never crosses the wire.
  await db.execute(sql`insert into stories (source_id, identity, url, title, summary, published_at, first_seen_at)
    select 1 + (i % 20), 'gen:' || i, 'https://gen.example.org/' || i,
      -- Three words from 25-word lists with co-prime strides: headlines vary like real ones do.
      (array['Scaling','Sparse','Robust','Efficient','Private','Causal','Multimodal','Federated','Adaptive','Bayesian','Contrastive','Distilled','Equivariant','Frozen','Generative','Hierarchical','Implicit','Joint','Kernel','Latent','Modular','Neural','Online','Probabilistic','Quantized'])[1 + (i * 7) % 25] || ' ' ||
      (array['transformers','diffusion','agents','optimizers','retrieval','quantization','benchmarks','datasets','tokenizers','embeddings','policies','graphs','kernels','priors','encoders','decoders','critics','planners','samplers','adapters','routers','memories','simulators','verifiers','compilers'])[1 + (i * 11) % 25] || ' for ' ||
      (array['robotics','medicine','chemistry','code','speech','vision','translation','search','climate','finance','law','biology','music','games','education','math','physics','weather','retail','security','maps','video','text','tables','proteins'])[1 + (i * 13) % 25] || ' (' || i || ')',
      'A generated story about machine learning, number ' || i,
      -- 2,000 stories a day, newest first: every scale has the same edition window, only more history.
      ${end.toISOString()}::timestamptz - (i::bigint * 43.2) * interval '1 second',
      ${end.toISOString()}::timestamptz
    from generate_series(${from}::int, ${to - 1}::int) as i`);
}

export async function growthBench({ postgresUrl } = {}) {
  const scratch = postgresUrl ? await scratchDatabase(postgresUrl, 'growth') : undefined;
  const url = scratch?.url;
  const database = await openDatabase(url ? { url, dataDir: '', maxConnections: 4 } : { dataDir: 'memory://' });
  const { db } = database;
  await migrate(db);
  await db.execute(sql`truncate sources, concepts, editions, tags restart identity cascade`);
  await db.execute(sql`insert into sources (url, name, weight) select 'https://gen.example.org/feed/' || i, 'Source ' || i, 1 + i % 3 from generate_series(1, 20) as i`);
  await db.execute(sql`insert into concepts (slug, name, title, summary, difficulty, example, content_hash, created_at)
    select 'gen-concept-' || i, 'Concept ' || i,
      'Concept ' || i || ' explains ' || (array['gradient','attention','kernel','entropy','margin','prior','variance','embedding','token','policy','reward'])[1 + i % 11]
        || ' ' || (array['memory','noise','depth','width','scale','drift','bias','sparsity','calibration','latency','throughput','robustness','privacy'])[1 + (i / 11) % 13],
      'Summary of generated concept ' || i, 'intermediate', 'Example ' || i, md5(i::text), '2020-01-01'
    from generate_series(1, 10000) as i`);
  const rows = [];
  const baseline = {};
  let have = 0;
  const plans = {};
  for (const n of scales) {
    await addStories(db, have, n);
    have = n;
    await db.execute(sql`analyze`);
    const deps = { database, timeZone: 'UTC' };
    const timings = {
      'build an edition': await median(() => publishEdition(deps, editionDate, { force: true }), 3),
      'stories(since: 1 day, first: 20)': await median(() => listStories(db, { since: new Date(end.getTime() - 86_400_000) }, 20)),
      'search("gradient memory", first: 10)': await median(() => searchConcepts(db, 'gradient memory', 10)),
    };
    for (const [name, ms] of Object.entries(timings)) {
      baseline[name] ??= ms;
      rows.push({
        figure: `${url ? 'PostgreSQL' : 'PGlite'}: ${name} at ${n.toLocaleString('en')} stories (${ms.toFixed(1)} ms)`,
        value: ms,
        baseline: baseline[name],
        baselineName: `same at ${scales[0].toLocaleString('en')} stories`,
        target: '≤ 2.0×',
        unit: 'ms',
      });
    }
    if (n === scales[scales.length - 1]) {
      const explain = async (q) => (await queryRows(db, sql`explain ${q}`)).map((r) => Object.values(r)[0]).join('\n');
      plans['stories(since:)'] = await explain(sql`select * from stories where effective_at >= ${new Date(end.getTime() - 86_400_000).toISOString()}::timestamptz order by effective_at desc, id desc limit 21`);
      plans['edition window'] = await explain(sql`select id from stories where effective_at >= ${addDays(editionDate, -1)}::timestamptz and effective_at < ${editionDate}::timestamptz`);
      plans['search'] = await explain(sql`select id from concepts where search @@ websearch_to_tsquery('english', 'gradient memory')`);
    }
  }
  await database.close();
  await scratch?.drop();
  for (const [name, plan] of Object.entries(plans)) {
    const used = [...plan.matchAll(/(Index Scan|Index Only Scan|Bitmap Index Scan)[^\n]* on (\w+)/g)].map((m) => `${m[1]} on ${m[2]}`);
    console.log(`EXPLAIN ${name}: ${used.length ? used.join(', ') : 'NO INDEX USED'}`);
  }
  return rows;
}
