import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { mlbrief } from '../support/cli.js';
import { commandDatabase, type CommandDatabase } from '../support/data-dir.js';
import { backend } from '../support/database.js';
import { startSmtpServer } from '../support/smtp-server.js';
import { addSubscribers, insertEdition, origin } from './helpers.js';

// Each command is a process that boots its own database (PGlite: seconds on a busy machine). Each
// test has its own database, migrated and filled before its first command, so the tests run at once.
describe(`mlbrief subscribers and send on ${backend}`, { timeout: 300_000, concurrent: true }, () => {
  let people: CommandDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    people = await commandDatabase('mlbrief-mail-cli-');
    env = people.env;
  });
  afterAll(() => people?.dispose());

  it('refuses to send through SMTP without PUBLIC_URL, in one line', async ({ expect }) => {
    const run = await mlbrief(['send'], { ...env, SMTP_URL: 'smtp://127.0.0.1:2525' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mlbrief: SMTP_URL is set but PUBLIC_URL is not: .*\n$/);
  });

  it('adds (confirmed), lists, exports and removes subscribers; bad addresses write nothing', async ({ expect }) => {
    const bad = await mlbrief(['subscribers', 'add', 'ok@example.org', 'not-an-address'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^mlbrief: "not-an-address" is not an e-mail address: .*\n$/);

    // ann twice in one command: the second finds the first, as a later command would.
    const added = await mlbrief(['subscribers', 'add', 'Ann@Example.org', 'bob@example.org', 'ann@example.org'], env);
    expect(added.stdout).toBe('added ann@example.org (confirmed)\nadded bob@example.org (confirmed)\nann@example.org is already subscribed\n');

    const listed = await mlbrief(['subscribers', 'list', '--json'], env);
    expect(listed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { email: string; status: string })).toMatchObject([
      { email: 'ann@example.org', status: 'confirmed' },
      { email: 'bob@example.org', status: 'confirmed' },
    ]);
    const exported = await mlbrief(['subscribers', 'export'], env);
    expect(exported.stdout.split('\n').slice(0, 3)).toEqual([
      'email,status,created_at,confirmed_at,unsubscribed_at',
      expect.stringMatching(/^ann@example\.org,confirmed,\d{4}-.*Z,\d{4}-.*Z,$/),
      expect.stringMatching(/^bob@example\.org,confirmed,/),
    ]);
    expect((await mlbrief(['subscribers', 'remove', 'bob@example.org'], env)).stdout).toBe('removed bob@example.org and its delivery history\n');
    const missing = await mlbrief(['subscribers', 'remove', 'bob@example.org'], env);
    expect(missing.code).toBe(1);
    expect((await mlbrief(['subscribers', 'list'], env)).stdout).toMatch(/^ann@example\.org {2}confirmed {2}since .*\n$/);
  });

  it('sends by hand into the outbox when SMTP_URL is unset, and says so; a dry run first sends nothing', async ({ expect, onTestFinished }) => {
    const outboxDb = await commandDatabase('mlbrief-mail-outbox-', {
      fill: async ({ db }) => {
        await addSubscribers(db, ['ann@example.org']);
        await insertEdition(db, '2026-11-20');
      },
    });
    onTestFinished(() => outboxDb.dispose());
    const { env, dataDir } = outboxDb;
    const none = await mlbrief(['send', '--date', '2026-11-19'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no edition is published for 2026-11-19/);

    const dry = await mlbrief(['send', '--date', '2026-11-20', '--dry-run'], env);
    expect(dry.stdout).toBe('2026-11-20 (dry run, nothing sent): would send 1, skipped 0, failed 0, pending 0\n');
    const sent = await mlbrief(['send', '--date', '2026-11-20'], { ...env, LOG_LEVEL: 'info', PUBLIC_URL: origin });
    expect(sent.stdout).toBe('2026-11-20: sent 1, skipped 0, failed 0, pending 0\n');
    expect(sent.stderr).toContain('SMTP_URL is not set: e-mails are written as .eml files to the outbox');
    expect(sent.stderr).not.toContain('ann@example.org');
    const outbox = path.join(dataDir, 'outbox');
    const files = await readdir(outbox);
    expect(files).toEqual([expect.stringMatching(/^daily\.2026-11-20\.\d{12}@localhost\.eml$/)]);
    const mail = await simpleParser(await readFile(path.join(outbox, files[0]!)));
    expect(mail.subject).toBe('mlbrief daily, 20 November 2026: Dropout');
    expect((await mlbrief(['send', '--date', '2026-11-20'], env)).stdout).toBe('2026-11-20: sent 0, skipped 1, failed 0, pending 0\n');
  });

  it('a sender killed (SIGKILL) mid-send and started again: every subscriber gets the edition; only messages in flight may come twice, with the same Message-ID', async ({ expect, onTestFinished }) => {
    const count = 300;
    const emails = Array.from({ length: count }, (_, i) => `crash${i}@example.org`);
    const { env, withDatabase, dispose } = await commandDatabase('mlbrief-mail-crash-', {
      fill: async ({ db }) => {
        await addSubscribers(db, emails);
        await insertEdition(db, '2026-11-21');
      },
    });
    onTestFinished(dispose);
    const smtp = await startSmtpServer({ delayMs: 15 });
    const sendEnv = { ...env, SMTP_URL: smtp.url, PUBLIC_URL: origin };
    try {
      const first = mlbrief(['send', '--date', '2026-11-21'], sendEnv);
      await smtp.waitFor(40, 60_000);
      first.child.kill('SIGKILL');
      expect((await first).signal).toBe('SIGKILL');
      const atKill = await withDatabase((database) =>
        queryRows<{ email: string; state: string }>(database.db, sql`select s.email, d.state from deliveries d join subscribers s on s.id = d.subscriber_id`),
      );
      const inFlight = new Set(atKill.filter((r) => r.state === 'sending').map((r) => r.email));
      const sentBefore = atKill.filter((r) => r.state === 'sent').length;
      expect(sentBefore).toBeLessThan(count);

      const second = await mlbrief(['send', '--date', '2026-11-21'], sendEnv);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/^2026-11-21: sent \d+, skipped \d+, failed 0, pending 0\n$/);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the killed sender's last DATA, if any, lands

      const byRecipient = new Map<string, string[]>();
      for (const m of smtp.messages) {
        const id = /^Message-ID: (<[^>]+>)/m.exec(m.raw.toString('latin1'))![1]!;
        byRecipient.set(m.to[0]!, [...(byRecipient.get(m.to[0]!) ?? []), id]);
      }
      expect([...byRecipient.keys()].sort()).toEqual([...emails].sort()); // no loss
      const twice = [...byRecipient].filter(([, ids]) => ids.length > 1);
      for (const [email, ids] of twice) {
        expect(inFlight.has(email), `${email} came twice but was not in flight`).toBe(true);
        expect(new Set(ids).size).toBe(1);
        expect(ids).toHaveLength(2);
      }
      // At most the messages in flight (handed to the pool, answer not yet recorded): 20 by default.
      expect(twice.length).toBeLessThanOrEqual(20);
      const states = await withDatabase((database) => queryRows<{ state: string; n: number }>(database.db, sql`select state, count(*)::int as n from deliveries group by state`));
      expect(states).toEqual([{ state: 'sent', n: count }]);
    } finally {
      await smtp.close();
    }
  });

  it.runIf(backend === 'postgres')('two `mlbrief send` processes at once and 1,000 subscribers: exactly 1,000 messages', async ({ expect, onTestFinished }) => {
    const emails = Array.from({ length: 1000 }, (_, i) => `pair${i}@example.org`);
    const { env, dispose } = await commandDatabase('mlbrief-mail-pair-', {
      fill: async ({ db }) => {
        await addSubscribers(db, emails);
        await insertEdition(db, '2026-11-22');
      },
    });
    onTestFinished(dispose);
    const smtp = await startSmtpServer();
    try {
      const sendEnv = { ...env, SMTP_URL: smtp.url, PUBLIC_URL: origin };
      const runs = await Promise.all([mlbrief(['send', '--date', '2026-11-22'], sendEnv), mlbrief(['send', '--date', '2026-11-22'], sendEnv)]);
      const sent = runs.map((r) => Number(/sent (\d+)/.exec(r.stdout)?.[1]));
      expect(sent[0]! + sent[1]!).toBe(1000);
      expect(smtp.messages).toHaveLength(1000);
      expect(new Set(smtp.messages.map((m) => m.to[0])).size).toBe(1000);
    } finally {
      await smtp.close();
    }
  });
});
