// Edition: working out the five over 2,000 and 10,000 candidates a day (candidate query, clustering,
// scoring and ranking: planEdition), beside the same work done by the build path of e14f94d, kept
// compiled in bench/baseline-edition/ (its candidate query, union-find clustering and lexicographic
// rank), on the same database in the same run. Runs alternate, and each figure is a median.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../dist/db/client.js';
import { migrate } from '../dist/db/migrate.js';
import { planEdition } from '../dist/daily/plan.js';
import { candidateStories } from './baseline-edition/candidates.queries.js';
import { clusterStories } from './baseline-edition/cluster.js';
import { rankClusters } from './baseline-edition/rank.js';
import { scratchDatabase } from './scratch-db.mjs';

const sizes = (process.env.BENCH_EDITION_SIZES ?? '2000,10000').split(',').map(Number);
const date = '2026-11-02';
const start = new Date('2026-11-01T00:00:00Z');
const end = new Date('2026-11-02T00:00:00Z');
const rounds = 5;

/** A day of news: events told by one to four sources in their own words, papers, off-topic items. */
async function fillDay(db, n) {
  await db.execute(sql`truncate sources, editions restart identity cascade`);
  await db.execute(sql`insert into sources (url, name, weight, publisher, kind)
    select 'https://gen.example.org/feed/' || i, 'Source ' || i, 1 + i % 3,
      case when i <= 4 then 'arXiv' else 'Publisher ' || i end, case when i = 20 then 'aggregator' else 'feed' end
    from generate_series(1, 20) as i`);
  // Event e (n / 3 of them) is told by sources e % 20 + k in one of three wordings; a third of the
  // rows are numbered papers, which never merge. generate_series keeps the data in the database.
  await db.execute(sql`insert into stories (source_id, identity, url, title, summary, published_at, first_seen_at, points, comments)
    select 1 + (i % 20), 'gen:' || i,
      case when i % 3 = 0 then 'https://arxiv.org/abs/2611.' || lpad(i::text, 5, '0') else 'https://gen.example.org/' || (i / 3) || '/' || (i % 7) end,
      case when i % 3 = 0 then
        (array['Sparse','Robust','Efficient','Causal','Multimodal','Federated','Bayesian','Contrastive'])[1 + i % 8] || ' ' ||
        (array['transformers','diffusion models','agents','optimizers','retrieval','embeddings'])[1 + (i / 8) % 6] || ' for ' ||
        (array['robotics','medicine','code','speech','vision','math'])[1 + (i / 48) % 6] || ' (study ' || i || ')'
      else
        (array['Acme','Globex','Initech','Umbrella','Hooli','Vehement','Massive','Soylent','Cyberdyne','Tyrell'])[1 + (i / 3) % 10] || ' ' ||
        (array['releases','launches','unveils','ships'])[1 + i % 4] || ' ' ||
        (array['Vision','Atlas','Nova','Orion','Pulse','Echo','Sage','Flux'])[1 + (i / 30) % 8] || ' ' || ((i / 3) % 97) || ' ' ||
        (array['language model','AI agent','image model','coding assistant','speech model'])[1 + (i / 240) % 5] ||
        (array['', ' with video', ' for developers', ' to all users'])[1 + i % 4]
      end,
      'A generated story about machine learning, number ' || i,
      ${start.toISOString()}::timestamptz + (i::bigint * 86399 / ${n}) * interval '1 second',
      ${end.toISOString()}::timestamptz,
      case when i % 20 = 19 then 50 + i % 500 end, case when i % 20 = 19 then i % 200 end
    from generate_series(0, ${n - 1}::int) as i`);
  await db.execute(sql`analyze stories`);
}

const baselineBuild = async (db) => rankClusters(clusterStories(await candidateStories(db, start, end)), { windowEnd: end, limit: 5, maxPerSource: 2 });

async function timed(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(label, options) {
  const database = await openDatabase(options);
  const { db } = database;
  await migrate(db);
  const rows = [];
  const perCandidate = {};
  for (const n of sizes) {
    await fillDay(db, n);
    // One of each first: the first call pays for the plans and the JIT.
    await baselineBuild(db);
    const plan = await planEdition(db, date, 'UTC');
    const now = [];
    const then = [];
    for (let r = 0; r < rounds; r++) {
      then.push(await timed(() => baselineBuild(db)));
      now.push(await timed(() => planEdition(db, date, 'UTC')));
    }
    const value = median(now);
    const baseline = median(then);
    perCandidate[n] = value / n;
    rows.push({
      figure: `${label}: work out the five over ${n.toLocaleString('en')} candidates a day (${plan.ranked.length} clusters)`,
      value,
      baseline,
      baselineName: `the e14f94d build path on the same day; medians of ${rounds} alternating runs`,
      unit: 'ms',
      target: '≤ 1.5× (issue 15)',
    });
  }
  if (sizes.length > 1) {
    const [small, large] = [sizes[0], sizes.at(-1)];
    rows.push({
      figure: `${label}: time per candidate at ${large.toLocaleString('en')} against ${small.toLocaleString('en')} candidates`,
      value: perCandidate[large] * 1000,
      baseline: perCandidate[small] * 1000,
      baselineName: `µs per candidate at ${small.toLocaleString('en')}`,
      unit: 'µs',
      target: '≈ 1× (near-linear); informational',
    });
  }
  await database.close();
  return rows;
}

export async function editionBench({ postgresUrl } = {}) {
  const rows = await measure('PGlite', { dataDir: 'memory://' });
  if (postgresUrl) {
    const scratch = await scratchDatabase(postgresUrl, 'edition');
    try {
      rows.push(...(await measure('PostgreSQL', { url: scratch.url, dataDir: '', maxConnections: 2 })));
    } finally {
      await scratch.drop();
    }
  }
  return rows;
}
