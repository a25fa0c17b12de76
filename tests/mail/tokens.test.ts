import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { BackgroundJobs } from '../../src/mail/background.js';
import { confirmSubscription } from '../../src/mail/subscribers/confirm.js';
import { defaultSubscribeLimits, processSubscription, pruneSubscriptions } from '../../src/mail/subscribers/subscribe.js';
import { unsubscribe } from '../../src/mail/subscribers/unsubscribe.js';
import { hashToken } from '../../src/mail/tokens.js';
import { createLogger } from '../../src/shared/logger.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { startSmtpServer, type SmtpSink } from '../support/smtp-server.js';
import { subscriberRow, testMailer } from './helpers.js';

const hours = (n: number) => n * 3600_000;

describe(`confirmation and unsubscribe tokens on ${backend}`, () => {
  let database: TestDatabase;
  let smtp: SmtpSink;
  let mailer: ReturnType<typeof testMailer>;

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtpServer();
    mailer = testMailer(smtp.url);
  });
  afterAll(async () => {
    await mailer.transport.close();
    await smtp.close();
    await database.dispose();
  });

  /** Subscribes `email` at `at` and returns the token its confirmation e-mail carries. */
  async function subscribeAt(email: string, at: Date): Promise<string> {
    const before = smtp.messages.length;
    const jobs = new BackgroundJobs(() => {});
    await processSubscription({ database, mailer, logger: createLogger('silent'), jobs, now: () => at }, email);
    expect(smtp.messages.length).toBe(before + 1);
    const mail = await smtp.parse(smtp.messages.at(-1)!);
    return /confirm\?token=([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')![1]!;
  }

  it('stores only the hash of a token', async () => {
    const token = await subscribeAt('hashed@example.org', new Date());
    const stored = await queryRows<{ hash: string }>(database.db, sql`select hash from mail_tokens t join subscribers s on s.id = t.subscriber_id where s.email = 'hashed@example.org'`);
    expect(stored.map((r) => r.hash)).toEqual([hashToken(token)]);
    expect(JSON.stringify(await queryRows(database.db, sql`select * from mail_tokens`))).not.toContain(token);
  });

  it('a confirmation link works until 48 hours have passed, not at 48 hours', async () => {
    const at = new Date('2026-11-27T08:00:00Z');
    const late = await subscribeAt('late@example.org', at);
    await expect(confirmSubscription(database.db, late, new Date(at.getTime() + hours(48)))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await subscriberRow(database.db, 'late@example.org')).toMatchObject({ status: 'pending' });
    const timely = await subscribeAt('timely@example.org', at);
    await confirmSubscription(database.db, timely, new Date(at.getTime() + hours(48) - 1));
    expect(await subscriberRow(database.db, 'timely@example.org')).toMatchObject({ status: 'confirmed' });
  });

  it('a confirmation link works once, and confirming spends the other outstanding links', async () => {
    const at = new Date('2026-11-27T09:00:00Z');
    const first = await subscribeAt('once@example.org', at);
    const second = await subscribeAt('once@example.org', new Date(at.getTime() + 60_000));
    await confirmSubscription(database.db, first, new Date(at.getTime() + hours(1)));
    await expect(confirmSubscription(database.db, first, new Date(at.getTime() + hours(2)))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    // Unsubscribed later, an old unused link must not bring them back.
    await database.db.execute(sql`update subscribers set status = 'unsubscribed' where email = 'once@example.org'`);
    await expect(confirmSubscription(database.db, second, new Date(at.getTime() + hours(3)))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await subscriberRow(database.db, 'once@example.org')).toMatchObject({ status: 'unsubscribed' });
  });

  it('refuses tokens that were never issued', async () => {
    for (const token of [undefined, '', 'short', 'x'.repeat(43), `${'a'.repeat(42)}!`]) {
      await expect(confirmSubscription(database.db, token, new Date())).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      await expect(unsubscribe(database.db, token, new Date())).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });

  it('sends at most three links per address a day', async () => {
    const at = new Date('2026-11-28T09:00:00Z');
    for (let i = 0; i < 3; i++) await subscribeAt('thrice@example.org', new Date(at.getTime() + i * 1000));
    const before = smtp.messages.length;
    const jobs = new BackgroundJobs(() => {});
    await processSubscription({ database, mailer, logger: createLogger('silent'), jobs, now: () => new Date(at.getTime() + hours(23)) }, 'thrice@example.org');
    expect(smtp.messages.length).toBe(before);
    expect(defaultSubscribeLimits.perAddress).toBe(3);
    await subscribeAt('thrice@example.org', new Date(at.getTime() + hours(24) + 1000));
  });

  it('forgets addresses nobody confirmed once their links are long expired', async () => {
    const at = new Date('2026-11-20T09:00:00Z');
    await subscribeAt('never@example.org', at);
    await pruneSubscriptions(database.db, new Date(at.getTime() + hours(48 + 23)));
    expect(await subscriberRow(database.db, 'never@example.org')).toBeDefined();
    await pruneSubscriptions(database.db, new Date(at.getTime() + hours(48 + 25)));
    expect(await subscriberRow(database.db, 'never@example.org')).toBeUndefined();
    expect(await subscriberRow(database.db, 'timely@example.org')).toMatchObject({ status: 'confirmed' });
  });
});
