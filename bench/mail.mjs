// Delivery throughput: one edition to 10,000 subscribers through a local SMTP sink (smtp-server in
// a child process), messages per second against nodemailer's pool alone sending the same prebuilt
// message 10,000 times (same pool options, same number of messages in flight), in alternating
// rounds; and this process's resident memory during the send (start / peak / end).
import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { createTransport } from 'nodemailer';
import { loadConfig } from '../dist/config/env.js';
import { openDatabase } from '../dist/db/client.js';
import { editions } from '../dist/db/schema/index.js';
import { migrate } from '../dist/db/migrate.js';
import { buildDailyTemplate } from '../dist/mail/delivery/daily-message.js';
import { deliverEdition } from '../dist/mail/delivery/deliver.js';
import { createMailer } from '../dist/mail/mailer.js';
import { poolOptions } from '../dist/mail/transport/smtp.js';
import { createLogger } from '../dist/shared/logger.js';
import { scratchDatabase } from './scratch-db.mjs';

const subscribers = 10_000;
const rounds = 3;
const inFlight = 20;

/** The sink: accepts every message and throws it away, in its own process. */
async function startSink() {
  const child = spawn(process.execPath, ['--input-type=module', '-e', `
    const { SMTPServer } = await import('smtp-server');
    const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, _s, cb) { stream.on('data', () => {}); stream.on('end', () => cb()); } });
    server.on('error', () => {});
    server.listen(0, '127.0.0.1', () => console.log(server.server.address().port));`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
  return { url: `smtp://127.0.0.1:${port}`, stop: () => child.kill() };
}

function edition(date) {
  const concepts = ['Dropout', 'Attention', 'LoRA', 'Residual connections', 'Batch normalization'].map((name, i) => ({
    id: i + 1, slug: name.toLowerCase().replace(/\W+/g, '-'), name, title: `${name}: what it does and why it works`, summary: `${name} in one sentence of about a hundred characters, with a dash — and more.`,
  }));
  const stories = Array.from({ length: 5 }, (_, i) => ({
    rank: i + 1, score: 5 - i, reasons: ['covered by 3 sources: Lab Blog, ML Weekly, arXiv cs.LG', 'mentions Attention and LoRA'], storyId: i + 1,
    title: `A headline about a machine-learning result, number ${i + 1}`, url: `https://news.example.com/story-${i + 1}`,
    summary: 'Two sentences of summary that say what happened and why it matters to people who build with machine learning.',
    sourceId: 1, sourceName: 'Lab Blog', publishedAt: `${date}T00:00:00.000Z`, coverage: 3,
    alsoCoveredBy: [{ storyId: 9, sourceName: 'ML Weekly', url: 'https://mlweekly.example.net/p/1' }],
  }));
  const content = { date, publishedAt: `${date}T00:05:00.000Z`, window: { start: '', end: '', reachedBackDays: 1 }, concepts, stories };
  return { date, content, conceptSlugs: concepts.map((c) => c.slug), contentHash: `bench-${date}` };
}

async function mailBench(label, database, sinkUrl) {
  const config = loadConfig({ SMTP_URL: sinkUrl, PUBLIC_URL: 'https://mlbrief.example', MAIL_FROM: 'mlbrief <brief@mlbrief.example>', LOG_LEVEL: 'silent' });
  const logger = createLogger('silent');
  const mailer = createMailer(config, logger);
  await database.db.execute(sql`insert into subscribers (email, status) select 'reader' || g || '@example.org', 'confirmed' from generate_series(1, ${subscribers}) g`);
  const [row] = await database.db.insert(editions).values(edition('2026-11-27')).returning();

  // Baseline: the pool alone, one prebuilt copy of the same message, the same number in flight.
  const template = await buildDailyTemplate(row, mailer);
  const message = template.fill({ deliveryId: 1, email: 'reader1@example.org', unsubscribeToken: 'A'.repeat(43) });
  const pool = createTransport({ ...poolOptions, url: sinkUrl });
  const baseline = async () => {
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < subscribers) {
        next++;
        await pool.sendMail({ envelope: { from: message.from, to: [message.to] }, raw: message.raw });
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return subscribers / ((performance.now() - started) / 1000);
  };

  const memory = { start: 0, peak: 0, end: 0 };
  const ours = async (round) => {
    await database.db.execute(sql`delete from deliveries`);
    await database.db.execute(sql`delete from mail_tokens`);
    if (round === rounds - 1) global.gc?.();
    const started = performance.now();
    const sample = () => (memory.peak = Math.max(memory.peak, process.memoryUsage().rss));
    if (round === rounds - 1) memory.start = process.memoryUsage().rss;
    const timer = setInterval(sample, 20);
    const report = await deliverEdition({ database, mailer, logger }, row);
    clearInterval(timer);
    if (round === rounds - 1) memory.end = process.memoryUsage().rss;
    if (report.sent !== subscribers) throw new Error(`mail bench: sent ${report.sent} of ${subscribers}`);
    return subscribers / ((performance.now() - started) / 1000);
  };

  const base = [];
  const app = [];
  await baseline(); // warm both paths once
  for (let round = 0; round < rounds; round++) {
    base.push(await baseline());
    if (round === rounds - 1) memory.peak = 0;
    app.push(await ours(round));
  }
  pool.close();
  await mailer.transport.close();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratios = app.map((a, i) => a / base[i]);
  const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
  process.stderr.write(`mail bench ${label}: resident memory during the last send: start ${mb(memory.start)}, peak ${mb(memory.peak)}, end ${mb(memory.end)}\n`);
  return [
    {
      figure: `${label}: one edition to 10,000 subscribers through a local SMTP sink (${Math.round(median(app))} msg/s; per-round ratios ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
      value: median(app), baseline: median(base),
      baselineName: `nodemailer's pool alone sending the same prebuilt message, ${Math.round(median(base))} msg/s; medians of ${rounds} alternating runs`,
      target: '≥ 0.8× (issue 17)', unit: 'msg/s',
    },
    {
      figure: `${label}: resident memory during the send (start ${mb(memory.start)}, peak ${mb(memory.peak)}, end ${mb(memory.end)})`,
      value: memory.peak, baseline: memory.start, baselineName: 'the same process when the send started', target: 'flat: peak ≈ start', unit: 'bytes',
    },
  ];
}

export async function deliveryBench({ postgresUrl } = {}) {
  const sink = await startSink();
  const rows = [];
  try {
    const pglite = await openDatabase({ dataDir: 'memory://' });
    await migrate(pglite.db);
    rows.push(...(await mailBench('PGlite', pglite, sink.url)));
    await pglite.close();
    if (postgresUrl) {
      const scratch = await scratchDatabase(postgresUrl, 'mail');
      const server = await openDatabase({ url: scratch.url, dataDir: '' });
      try {
        await migrate(server.db);
        rows.push(...(await mailBench('PostgreSQL', server, sink.url)));
      } finally {
        await server.close();
        await scratch.drop();
      }
    }
  } finally {
    sink.stop();
  }
  return rows;
}
