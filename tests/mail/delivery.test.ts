import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { deliverDue, deliverEdition, type DeliveryDeps } from '../../src/mail/delivery/deliver.js';
import { enqueueEdition } from '../../src/mail/delivery/deliveries.queries.js';
import type { Mailer } from '../../src/mail/mailer.js';
import { createLogger } from '../../src/shared/logger.js';
import { hashToken } from '../../src/mail/tokens.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { startSmtpServer, type SmtpSink } from '../support/smtp-server.js';
import { addSubscribers, deliveryRows, insertEdition, origin, subscriberRow, testMailer } from './helpers.js';

const logger = createLogger('silent');

describe(`delivering an edition through a real SMTP server on ${backend}`, () => {
  let database: TestDatabase;
  let smtp: SmtpSink;
  let mailer: Mailer;
  const opened: Mailer[] = [];

  const deps = (extra: Partial<DeliveryDeps> = {}): DeliveryDeps => ({ database, mailer, logger, ...extra });

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const m of opened.splice(0)) await m.transport.close();
    await smtp?.close();
    await database.dispose();
  });

  async function withServer(behaviour: Parameters<typeof startSmtpServer>[0] = {}, env: Record<string, string> = {}) {
    smtp = await startSmtpServer(behaviour);
    mailer = testMailer(smtp.url, env);
    opened.push(mailer);
  }

  it('sends one multipart message per confirmed subscriber, with the headers and links a reader needs', async () => {
    await withServer({}, { MAIL_UNSUBSCRIBE_MAILTO: 'unsubscribe@mlbrief.example' });
    const edition = await insertEdition(database.db, '2026-11-27');
    await addSubscribers(database.db, ['ann@example.org', 'bob@example.org', 'cy@example.org']);
    await addSubscribers(database.db, ['pending@example.org'], 'pending');
    await addSubscribers(database.db, ['gone@example.org'], 'unsubscribed');

    const report = await deliverEdition(deps(), edition);
    expect(report).toEqual({ date: '2026-11-27', dryRun: false, sent: 3, skipped: 0, failed: 0, pending: 0 });
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['ann@example.org', 'bob@example.org', 'cy@example.org']);

    const ids = new Set<string>();
    for (const received of smtp.messages) {
      const mail = await smtp.parse(received);
      const to = received.to[0]!;
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe(to);
      expect(mail.from?.value[0]).toMatchObject({ name: 'mlbrief', address: 'brief@mlbrief.example' });
      expect(mail.subject).toBe('mlbrief daily, 27 November 2026: Dropout');
      expect(mail.messageId).toMatch(/^<daily\.2026-11-27\.\d{12}@mlbrief\.example>$/);
      ids.add(mail.messageId!);
      expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      const links = received.raw.toString('latin1').match(/^List-Unsubscribe: <([^>]+)>,\r\n <mailto:([^>]+)>\r\n/m);
      expect(links).not.toBeNull();
      const unsubscribe = links![1]!;
      expect(unsubscribe).toMatch(new RegExp(`^${origin}/unsubscribe\\?token=[A-Za-z0-9_-]{43}$`));
      expect(links![2]).toBe('unsubscribe@mlbrief.example?subject=unsubscribe');
      // Both bodies, decoded, carry this reader's own link and the reader pages.
      expect(mail.text).toContain(`\n${unsubscribe}\n`);
      expect(mail.html).toContain(`href="${unsubscribe}"`);
      for (const link of [`${origin}/concepts/dropout`, `${origin}/daily/2026-11-27`]) {
        expect(mail.text).toContain(link);
        expect(mail.html).toContain(`href="${link}"`);
      }
      expect(mail.html).toContain(`href="${origin}/"`);
      expect(mail.text).toContain('Ünïcode summary.');
      expect(mail.html).toContain('Ünïcode summary.');
    }
    expect(ids.size).toBe(3);
    // Each message's own token, stored only as a hash in its delivery row.
    const hashes = await queryRows<{ h: string }>(database.db, sql`select unsubscribe_hash as h from deliveries order by id`);
    const sentTokens = smtp.messages.map((m) => /unsubscribe\?token=([A-Za-z0-9_-]{43})>/.exec(m.raw.toString('latin1'))![1]!);
    expect(new Set(hashes.map((r) => r.h))).toEqual(new Set(sentTokens.map(hashToken)));

    // A second run finds everything done.
    expect(await deliverEdition(deps(), edition)).toMatchObject({ sent: 0, skipped: 3, failed: 0, pending: 0 });
    expect(smtp.messages).toHaveLength(3);
  });

  it('retries a 451 after its backoff and then delivers it, with the same Message-ID', async () => {
    await withServer({ rcpt: (address, attempt) => (address === 'grey@example.org' && attempt === 1 ? 451 : undefined) });
    const edition = await insertEdition(database.db, '2026-11-27');
    await addSubscribers(database.db, ['ann@example.org', 'grey@example.org']);
    let now = new Date('2026-11-27T06:00:00Z');
    const clock = () => now;

    expect(await deliverEdition(deps({ now: clock }), edition)).toMatchObject({ sent: 1, failed: 0, pending: 1 });
    const [, grey] = await deliveryRows(database.db);
    expect(grey).toMatchObject({ state: 'pending', attempts: 1, last_code: 451 });
    expect(new Date(grey!.next_attempt_at).toISOString()).toBe('2026-11-27T06:01:00.000Z');

    // Not due yet: nothing happens.
    now = new Date('2026-11-27T06:00:59Z');
    expect(await deliverDue(deps({ now: clock }))).toMatchObject({ sent: 0 });
    now = new Date('2026-11-27T06:01:00Z');
    expect(await deliverDue(deps({ now: clock }))).toMatchObject({ sent: 1, retrying: 0 });
    expect(smtp.attempts('grey@example.org')).toBe(2);
    const greys = smtp.messages.filter((m) => m.to[0] === 'grey@example.org');
    expect(greys).toHaveLength(1);
    expect((await smtp.parse(greys[0]!)).messageId).toBe(`<daily.2026-11-27.${String(grey!.id).padStart(12, '0')}@mlbrief.example>`);
    expect((await deliveryRows(database.db)).map((r) => r.state)).toEqual(['sent', 'sent']);
  });

  it('fails a 550 at once, counts it, and marks the address bouncing after three in a row', async () => {
    await withServer({ rcpt: (address) => (address === 'nobody@example.org' ? 550 : undefined) });
    await addSubscribers(database.db, ['ann@example.org', 'nobody@example.org']);
    for (const [i, date] of ['2026-11-25', '2026-11-26', '2026-11-27'].entries()) {
      const edition = await insertEdition(database.db, date);
      expect(await deliverEdition(deps(), edition)).toMatchObject({ sent: 1, failed: 1, pending: 0 });
      expect(await subscriberRow(database.db, 'nobody@example.org')).toEqual({ status: i < 2 ? 'confirmed' : 'bouncing', bounce_count: i + 1 });
    }
    expect(smtp.attempts('nobody@example.org')).toBe(3);
    const failed = (await deliveryRows(database.db)).filter((r) => r.email === 'nobody@example.org');
    expect(failed.map((r) => [r.state, r.attempts, r.last_code])).toEqual([['failed', 1, 550], ['failed', 1, 550], ['failed', 1, 550]]);
    // A bouncing address is not queued for the next edition.
    expect(await deliverEdition(deps(), await insertEdition(database.db, '2026-11-28'))).toMatchObject({ sent: 1, failed: 0, skipped: 0 });
    expect(smtp.attempts('nobody@example.org')).toBe(3);
  });

  it('counts only bounces in a row: a delivered message resets the count', async () => {
    let refuse = true;
    await withServer({ rcpt: (address) => (address === 'flaky@example.org' && refuse ? 550 : undefined) });
    await addSubscribers(database.db, ['flaky@example.org']);
    await deliverEdition(deps(), await insertEdition(database.db, '2026-11-24'));
    await deliverEdition(deps(), await insertEdition(database.db, '2026-11-25'));
    refuse = false;
    await deliverEdition(deps(), await insertEdition(database.db, '2026-11-26'));
    expect(await subscriberRow(database.db, 'flaky@example.org')).toEqual({ status: 'confirmed', bounce_count: 0 });
  });

  it('gives up on a transient failure once the attempts are used up, without counting a bounce', async () => {
    await withServer({ rcpt: (address) => (address === 'grey@example.org' ? 451 : undefined) });
    await addSubscribers(database.db, ['grey@example.org']);
    const edition = await insertEdition(database.db, '2026-11-27');
    let now = new Date('2026-11-27T06:00:00Z');
    const retry = { baseMs: 1000, capMs: 4000, maxAttempts: 4 };
    await deliverEdition(deps({ now: () => now, retry }), edition);
    const times: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [row] = await deliveryRows(database.db);
      times.push(new Date(row!.next_attempt_at).toISOString());
      now = new Date(row!.next_attempt_at);
      await deliverDue(deps({ now: () => now, retry }));
    }
    // 1 s, 2 s, 4 s (the cap) after each failure.
    expect(times).toEqual(['2026-11-27T06:00:01.000Z', '2026-11-27T06:00:03.000Z', '2026-11-27T06:00:07.000Z']);
    expect((await deliveryRows(database.db))[0]).toMatchObject({ state: 'failed', attempts: 4, last_code: 451 });
    expect(await subscriberRow(database.db, 'grey@example.org')).toEqual({ status: 'confirmed', bounce_count: 0 });
    expect(smtp.attempts('grey@example.org')).toBe(4);
  });

  it('skips a subscriber who left after the edition was queued', async () => {
    await withServer();
    await addSubscribers(database.db, ['ann@example.org', 'leaver@example.org']);
    const edition = await insertEdition(database.db, '2026-11-27');
    await enqueueEdition(database.db, edition.id, new Date());
    await database.db.execute(sql`update subscribers set status = 'unsubscribed' where email = 'leaver@example.org'`);
    expect(await deliverEdition(deps(), edition)).toMatchObject({ sent: 1, skipped: 1, pending: 0 });
    expect(smtp.messages.map((m) => m.to[0])).toEqual(['ann@example.org']);
  });

  it('a dry run counts and writes nothing', async () => {
    await withServer();
    await addSubscribers(database.db, ['ann@example.org', 'bob@example.org']);
    const edition = await insertEdition(database.db, '2026-11-27');
    expect(await deliverEdition(deps(), edition, { dryRun: true })).toEqual({ date: '2026-11-27', dryRun: true, sent: 2, skipped: 0, failed: 0, pending: 0 });
    expect(await deliveryRows(database.db)).toEqual([]);
    expect(smtp.messages).toEqual([]);
  });

  it('stops claiming when told to stop: messages in flight finish and are recorded, the rest wait as pending for the next run', async () => {
    await withServer({ delayMs: 100 });
    const emails = Array.from({ length: 30 }, (_, i) => `reader${i}@example.org`);
    await addSubscribers(database.db, emails);
    const edition = await insertEdition(database.db, '2026-11-27');
    const stop = new AbortController();
    const running = deliverEdition(deps({ signal: stop.signal, batchSize: 10, inFlight: 3 }), edition);
    await smtp.waitFor(1);
    stop.abort();
    const report = await running;
    const stopped = smtp.messages.length;
    expect(stopped).toBeGreaterThan(0);
    // Those in flight when it stopped (3), and at most one handed over as the first was answered:
    // the rest of the claimed batch (10) goes back unsent.
    expect(stopped).toBeLessThanOrEqual(4);
    expect(report).toMatchObject({ sent: stopped, failed: 0, pending: 30 - stopped });
    const states = await queryRows<{ state: string; n: number; claimed: number }>(
      database.db,
      sql`select state, count(*)::int as n, count(claimed_by)::int as claimed from deliveries group by state order by state`,
    );
    // Nothing left 'sending' under this process's key: a stop is not a crash, so nothing may be sent twice.
    expect(states).toEqual([
      { state: 'pending', n: 30 - stopped, claimed: 0 },
      { state: 'sent', n: stopped, claimed: expect.any(Number) },
    ]);
    expect(await deliverEdition(deps(), edition)).toMatchObject({ sent: 30 - stopped, pending: 0 });
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual([...emails].sort());
  });

  it('two senders at once and 1,000 subscribers: exactly 1,000 messages, one per subscriber', async () => {
    await withServer();
    const emails = Array.from({ length: 1000 }, (_, i) => `reader${i}@example.org`);
    await addSubscribers(database.db, emails);
    const edition = await insertEdition(database.db, '2026-11-27');
    const second = testMailer(smtp.url);
    opened.push(second);
    const [a, b] = await Promise.all([
      deliverEdition(deps({ batchSize: 25 }), edition),
      deliverEdition(deps({ mailer: second, batchSize: 25 }), edition),
    ]);
    expect(a.sent + b.sent).toBe(1000);
    if (backend === 'postgres') expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0);
    expect(smtp.messages).toHaveLength(1000);
    expect(new Set(smtp.messages.map((m) => m.to[0])).size).toBe(1000);
    const states = await queryRows<{ state: string; n: number }>(database.db, sql`select state, count(*)::int as n from deliveries group by state`);
    expect(states).toEqual([{ state: 'sent', n: 1000 }]);
  }, 180_000);
});
