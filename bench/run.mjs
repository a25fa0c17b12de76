// `npm run bench`: each figure beside a baseline measured in this same run, and the ratio.
// BENCH_DATABASE_URL (or TEST_DATABASE_URL) adds the PostgreSQL server figures.
import { startupBench } from './startup.mjs';
import { coldQueryBench } from './cold-query.mjs';
import { coldPageBench } from './cold-page.mjs';
import { editionBench } from './edition.mjs';
import { growthBench } from './growth.mjs';
import { ingestBench } from './ingest.mjs';
import { loadBench } from './load.mjs';
import { loadSplitBench } from './load-split.mjs';
import { memoryBench } from './memory.mjs';
import { deliveryBench } from './mail.mjs';
import { clientsBench } from './clients.mjs';
import { soakBench } from './soak.mjs';
import { statementBench } from './statements.mjs';

const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;

const only = process.argv[2];
const benches = { startup: startupBench, statements: statementBench, ingest: ingestBench, cold: coldQueryBench, 'cold-page': coldPageBench, memory: memoryBench, clients: clientsBench, load: loadBench, growth: growthBench, edition: editionBench, mail: deliveryBench };
// The soak runs only when asked for (`npm run bench -- soak [--full]`): minutes, not seconds.
if (only === 'soak') benches.soak = soakBench;
// The split runs only when asked for (`npm run bench -- load-split`): it explains the load rows.
if (only === 'load-split') benches['load-split'] = loadSplitBench;
const rows = [];
for (const [name, bench] of Object.entries(benches)) if (!only || only === name) rows.push(...(await bench({ postgresUrl, full: process.argv.includes('--full') })));

const fmt = (row, v) => (row.unit === 'statements' || row.unit === 'count' ? String(v) : row.unit === 'req/s' ? `${Math.round(v)} req/s` : row.unit === 'msg/s' ? `${Math.round(v)} msg/s` : row.unit === 'ms' ? `${v.toFixed(1)} ms` : row.unit === 'µs' ? `${v.toFixed(1)} µs` : row.unit === 'bytes' ? `${(v / 1e6).toFixed(0)} MB` : `${(v / 1000).toFixed(2)} s`);
const table = [
  ['figure', 'value', 'baseline (same run)', 'ratio', 'target'],
  ...rows.map((r) => [r.figure, fmt(r, r.value), `${fmt(r, r.baseline)} (${r.baselineName})`, `${(r.value / r.baseline).toFixed(2)}×`, r.target]),
];
console.log(`mlbrief bench — node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
for (const line of table) console.log(`| ${line.join(' | ')} |`);
