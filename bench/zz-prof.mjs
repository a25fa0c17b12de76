import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../dist/config/env.js';
import { openDatabase } from '../dist/db/client.js';
import { editions } from '../dist/db/schema/index.js';
import { migrate } from '../dist/db/migrate.js';
import { deliverEdition } from '../dist/mail/delivery/deliver.js';
import { createMailer } from '../dist/mail/mailer.js';
import { createLogger } from '../dist/shared/logger.js';
import { scratchDatabase } from './scratch-db.mjs';
const child = spawn(process.execPath, ['--input-type=module', '-e', `
    const { SMTPServer } = await import('smtp-server');
    const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, _s, cb) { stream.on('data', () => {}); stream.on('end', () => cb()); } });
    server.listen(0, '127.0.0.1', () => console.log(server.server.address().port));`], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
const kind = process.argv[2];
const scratch = kind === 'pg' ? await scratchDatabase('postgres://postgres@127.0.0.1:5432/mlbrief_mail17', 'prof') : undefined;
const database = await openDatabase(scratch ? { url: scratch.url, dataDir: '' } : { dataDir: 'memory://' });
await migrate(database.db);
const times = new Map();
const orig = database.db.execute.bind(database.db);
database.db.execute = (q) => {
  const text = (q.queryChunks?.[0]?.value?.[0] ?? '').trim().slice(0, 40);
  const t = performance.now();
  const p = orig(q);
  return Object.assign(p.then((r) => { const e = times.get(text) ?? [0, 0]; e[0] += performance.now() - t; e[1]++; times.set(text, e); return r; }), { getQuery: p.getQuery?.bind(p) });
};
const origTx = database.db.transaction.bind(database.db);
database.db.transaction = (fn) => { const t = performance.now(); return origTx(fn).finally(() => { const e = times.get('TX') ?? [0, 0]; e[0] += performance.now() - t; e[1]++; times.set('TX', e); }); };
await database.db.execute(sql`insert into subscribers (email, status) select 'reader' || g || '@example.org', 'confirmed' from generate_series(1, 10000) g`);
const [row] = await database.db.insert(editions).values({ date: '2026-11-27', content: { date: '2026-11-27', concepts: [{ id: 1, slug: 'dropout', name: 'Dropout', title: 't', summary: 's' }], stories: [] }, conceptSlugs: [], contentHash: 'x' }).returning();
const mailer = createMailer(loadConfig({ SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://x.example', LOG_LEVEL: 'silent' }), createLogger('silent'));
times.clear();
const t = performance.now();
let r;
if (process.argv[3] === 'base') {
  const { buildDailyTemplate } = await import('../dist/mail/delivery/daily-message.js');
  const { createTransport } = await import('nodemailer');
  const { poolOptions } = await import('../dist/mail/transport/smtp.js');
  const m = (await buildDailyTemplate(row, mailer)).fill({ deliveryId: 1, email: 'a@example.org', unsubscribeToken: 'A'.repeat(43) });
  const pool = createTransport({ ...poolOptions, url: `smtp://127.0.0.1:${port}` });
  let next = 0;
  await Promise.all(Array.from({ length: 20 }, async () => { while (next < 10000) { next++; await pool.sendMail({ envelope: { from: m.from, to: [m.to] }, raw: m.raw }); } }));
  pool.close();
} else r = await deliverEdition({ database, mailer, logger: createLogger('silent') }, row);
console.log(r, Math.round(performance.now() - t), 'ms');
for (const [k, [ms, n]] of [...times].sort((a, b) => b[1][0] - a[1][0])) console.log(Math.round(ms), n, k);
await mailer.transport.close(); await database.close(); await scratch?.drop(); child.kill();
