// Growth: with 10,000 concepts, time building an edition, stories(since:) and search at 10k, 100k
// and 1M stories, each as a ratio to its time at 10k; EXPLAIN shows which indexes the hot queries use.
// News arrives at a steady 2,000 stories a day, so a larger table means more history, not a busier
// day: the edition window holds the same stories at every scale.
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../dist/db/client.js';
import { migrate } from '../dist/db/migrate.js';
import { publishEdition } from '../dist/daily/build.js';
import { listStories } from '../dist/news/stories.queries.js';
import { searchConcepts, searchStatement } from '../dist/content/concepts.queries.js';
import { defaultSeedsDir, readSeedLibrary } from '../dist/content/seeds/read-seeds.js';
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

// A real card's search text is about 120 words (title ≤ 175 characters, summary ≤ 200, example
// ≤ 600): the planner weighs an index against that, so the generated cards are made of the real ones.
// Each field is cut into runs of a few words; a generated card takes 70% of its runs from one real
// card (its topic, so words cluster in a card as they do in real ones) and 30% from any card.
function fieldPool(name, texts, words) {
  const runs = [];
  const off = [];
  const len = [];
  for (const text of texts) {
    const w = text.split(/\s+/).filter(Boolean);
    off.push(runs.length + 1);
    for (let k = 0; k < w.length; k += words) runs.push(w.slice(k, k + words).join(' '));
    len.push(runs.length + 1 - off[off.length - 1]);
  }
  const col = (suffix) => sql.raw(`${name}_${suffix}`);
  return sql`string_to_array(${runs.join('\n')}, chr(10)) as ${col('runs')}, ${`{${off}}`}::int[] as ${col('off')}, ${`{${len}}`}::int[] as ${col('len')}`;
}

function pick(name, count, salt) {
  const col = (suffix) => sql.raw(`${name}_${suffix}`);
  return sql`(select string_agg(${col('runs')}[case when h % 10 < 7 then ${col('off')}[topic] + h / 10 % ${col('len')}[topic]
      else 1 + h / 10 % cardinality(${col('runs')}) end], ' ')
    from generate_series(1, ${count}) as j, lateral (select hashint8(i::bigint * 1000 + j * 10 + ${salt}) & 2147483647 as h) as r)`;
}

async function addConcepts(db, n) {
  const cards = (await readSeedLibrary(defaultSeedsDir)).concepts;
  await db.execute(sql`insert into concepts (slug, name, title, summary, difficulty, example, content_hash, created_at)
    with pool as materialized (select ${sql.join(
      [
        fieldPool('name', cards.map((c) => c.name), 1),
        fieldPool('title', cards.map((c) => c.title), 3),
        fieldPool('summary', cards.map((c) => c.summary), 3),
        fieldPool('example', cards.map((c) => c.example), 3),
      ],
      sql`, `,
    )})
    select 'gen-concept-' || i, ${pick('name', sql`1 + i % 3`, 1)}, ${pick('title', sql`4 + i % 5`, 2)},
      regexp_replace(left(${pick('summary', 10, 3)}, 201), '\\s*\\S*$', ''),
      (array['beginner', 'intermediate', 'advanced']::difficulty[])[1 + i % 3], ${pick('example', sql`15 + i % 16`, 4)},
      md5(i::text), '2020-01-01'
    from pool, generate_series(1, ${n}::int) as i, lateral (select 1 + (hashint4(i) & 2147483647) % ${cards.length} as topic) as t`);
  // Three of the real explanations each, so a card weighs what a real one does wherever it is read.
  const bodies = cards.flatMap((c) => c.explanations.map((e) => e.body.replace(/\s+/g, ' ').trim()));
  await db.execute(sql`insert into explanations (concept_id, kind, body, position)
    with pool as materialized (select string_to_array(${bodies.join('\n')}, chr(10)) as bodies)
    select c.id, (array['intuition', 'detail', 'pitfall']::explanation_kind[])[k],
      bodies[1 + (hashint8(c.id::bigint * 10 + k) & 2147483647) % cardinality(bodies)], k
    from pool, concepts as c, generate_series(1, 3) as k`);
}

export async function growthBench({ postgresUrl } = {}) {
  const scratch = postgresUrl ? await scratchDatabase(postgresUrl, 'growth') : undefined;
  const url = scratch?.url;
  const database = await openDatabase(url ? { url, dataDir: '', maxConnections: 4 } : { dataDir: 'memory://' });
  const { db } = database;
  await migrate(db);
  await db.execute(sql`truncate sources, concepts, editions, tags restart identity cascade`);
  await db.execute(sql`insert into sources (url, name, weight) select 'https://gen.example.org/feed/' || i, 'Source ' || i, 1 + i % 3 from generate_series(1, 20) as i`);
  await addConcepts(db, 10_000);
  const rows = [];
  const baseline = {};
  let have = 0;
  const plans = {};
  for (const n of scales) {
    await addStories(db, have, n);
    have = n;
    // Stands in for autovacuum, which a default PostgreSQL runs soon after a bulk load (PGlite never
    // does, nor a server with autovacuum = off): VACUUM also merges the GIN pending list into the
    // index; ANALYZE alone leaves it for every search to read through, and the planner then prefers
    // a sequential scan.
    await db.execute(sql`vacuum analyze`);
    const deps = { database, timeZone: 'UTC' };
    const timings = {
      'build an edition': await median(() => publishEdition(deps, editionDate, { force: true }), 3),
      // Milliseconds on two shared cores: more runs keep one stall from becoming the median.
      'stories(since: 1 day, first: 20)': await median(() => listStories(db, { since: new Date(end.getTime() - 86_400_000) }, { size: 20, backward: false }), 15),
      'search("gradient memory", first: 10)': await median(() => searchConcepts(db, 'gradient memory', 10), 15),
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
      const explain = async (q) => (await queryRows(db, sql`explain (analyze) ${q}`)).map((r) => Object.values(r)[0]).join('\n');
      plans['stories(since:)'] = await explain(sql`select * from stories where effective_at >= ${new Date(end.getTime() - 86_400_000).toISOString()}::timestamptz order by effective_at desc, id desc limit 21`);
      plans['edition window'] = await explain(sql`select id from stories where effective_at >= ${addDays(editionDate, -1)}::timestamptz and effective_at < ${editionDate}::timestamptz`);
      plans['search (the ranked statement search runs)'] = await explain(searchStatement(db, 'gradient memory', 10));
    }
  }
  await database.close();
  await scratch?.drop();
  for (const [name, plan] of Object.entries(plans)) {
    // "Index Scan Backward using INDEX on TABLE", "Bitmap Index Scan on INDEX": name the index either way.
    const used = [...plan.matchAll(/(Bitmap Index Scan|Index Only Scan|Index Scan)( Backward)?(?: using (\w+))? on (\w+)/g)].map(
      (m) => `${m[1]}${m[2] ?? ''} on ${m[3] ?? m[4]}`,
    );
    const time = plan.match(/Execution Time: ([\d.]+ ms)/)?.[1];
    console.log(`EXPLAIN ${name} at ${have.toLocaleString('en')} stories: ${used.length ? `index used: ${used.join(', ')}` : 'NO INDEX USED'} (${time})`);
  }
  for (const name of Object.keys(baseline)) {
    const curve = rows.filter((r) => r.figure.includes(`: ${name} at `)).map((r) => r.value.toFixed(1));
    console.log(`growth curve, ${name}, ${scales.map((n) => n.toLocaleString('en')).join(' / ')} stories: ${curve.join(' / ')} ms`);
  }
  return rows;
}
