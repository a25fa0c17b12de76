import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/env.js';
import { defaultSubscribeLimits } from '../../src/mail/subscribers/subscribe.js';
import { gql } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { startSmtpServer, type SmtpSink } from '../support/smtp-server.js';
import { addSubscribers, origin, subscriberRow } from './helpers.js';

const admin = { authorization: 'Bearer admin-token-0123456789' };

describe(`subscribing over HTTP and GraphQL on ${backend}`, () => {
  let database: TestDatabase;
  let smtp: SmtpSink;
  let app: RunningApp;
  let logs = '';

  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    smtp = await startSmtpServer();
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      SMTP_URL: smtp.url,
      PUBLIC_URL: origin,
      ADMIN_TOKEN: admin.authorization.slice(7),
      RATE_LIMIT_ANONYMOUS: '0',
    });
    const sink = new Writable({ write: (chunk, _enc, done) => ((logs += chunk), done()) });
    app = await startApp({ config, logger: pino({ level: 'debug' }, sink), database, subscribeLimits: { ...defaultSubscribeLimits, perClient: 1000 } });
  });
  afterAll(async () => {
    await app.stop();
    await smtp.close();
    await database.dispose();
  });

  const form = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  /** The app's own link, asked of the test server (PUBLIC_URL names the public origin). */
  const local = (link: string) => link.replace(origin, app.url);

  async function confirmationLink(to: string, count: number): Promise<string> {
    await smtp.waitFor(count);
    const received = smtp.messages.filter((m) => m.to[0] === to).at(-1)!;
    const mail = await smtp.parse(received);
    expect(mail.subject).toBe('Confirm your subscription to mlbrief daily');
    const link = /https:\/\/mlbrief\.example\/confirm\?token=[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')?.[0];
    expect(link).toBeDefined();
    expect(mail.html).toContain(`href="${link}"`);
    return link!;
  }

  it('form post → confirmation e-mail → following its link confirms; the link works once', async () => {
    const res = await form('/subscribe', 'email=%20Ann.Reader%40Example.ORG%20');
    expect(res.status).toBe(202);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<h1>Check your inbox</h1>');
    const link = await confirmationLink('ann.reader@example.org', 1);
    expect(await subscriberRow(database.db, 'ann.reader@example.org')).toMatchObject({ status: 'pending' });

    const confirmed = await fetch(local(link));
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('<h1>Subscription confirmed</h1>');
    expect(await subscriberRow(database.db, 'ann.reader@example.org')).toMatchObject({ status: 'confirmed' });

    const again = await fetch(local(link));
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('it was used already, it expired');
  });

  it('GraphQL subscribe and confirmSubscription do the same', async () => {
    const sub = await gql(app.url, 'mutation($e: String!) { subscribe(email: $e) { accepted message } }', { e: 'gql@example.org' });
    expect(sub.data?.subscribe).toEqual({ accepted: true, message: expect.stringContaining('a confirmation link is on its way') });
    const token = new URL(await confirmationLink('gql@example.org', 2)).searchParams.get('token');
    const query = 'mutation($t: String!) { confirmSubscription(token: $t) { status } }';
    expect((await gql(app.url, query, { t: token })).data?.confirmSubscription).toEqual({ status: 'CONFIRMED' });
    const reused = await gql(app.url, query, { t: token });
    expect(reused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await gql(app.url, query, { t: 'x' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers the same whatever the address is: new, pending, confirmed, unsubscribed', async () => {
    await addSubscribers(database.db, ['confirmed@example.org'], 'confirmed');
    await addSubscribers(database.db, ['pending@example.org'], 'pending');
    await addSubscribers(database.db, ['left@example.org'], 'unsubscribed');
    const addresses = ['brand-new@example.org', 'pending@example.org', 'confirmed@example.org', 'left@example.org'];
    const shape = (res: Response, body: string) => ({
      status: res.status,
      headers: [...res.headers].filter(([name]) => name !== 'date' && name !== 'x-request-id'),
      body,
    });
    const answers = { form: [] as unknown[], json: [] as unknown[], graphql: [] as unknown[] };
    for (const email of addresses) {
      const f = await form('/subscribe', `email=${encodeURIComponent(email)}`);
      answers.form.push(shape(f, await f.text()));
      const j = await fetch(`${app.url}/subscribe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
      answers.json.push(shape(j, await j.text()));
      const g = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($e: String!) { subscribe(email: $e) { accepted message } }', variables: { e: email } }),
      });
      answers.graphql.push(shape(g, await g.text()));
    }
    for (const list of Object.values(answers)) for (const answer of list) expect(answer).toEqual(list[0]);
    expect(answers.json[0]).toMatchObject({ status: 202 });
    await app.mail.idle();
    // Behind the same answers: links went to the new and the pending address (up to the limit),
    // to the unsubscribed one (only a click brings them back), and none to the confirmed one.
    const to = smtp.messages.map((m) => m.to[0]);
    expect(to.filter((a) => a === 'confirmed@example.org')).toHaveLength(0);
    expect(to.filter((a) => a === 'brand-new@example.org')).toHaveLength(3);
    expect(to.filter((a) => a === 'left@example.org')).toHaveLength(3);
    expect(await subscriberRow(database.db, 'left@example.org')).toMatchObject({ status: 'unsubscribed' });
  });

  it('refuses what is not an address, clearly, as a page or JSON', async () => {
    for (const bad of ['', 'no-at-sign', 'two@@example.org', 'a@b@example.org', 'x@localhost', `${'a'.repeat(250)}@example.org`, 'sp ace@example.org', 'x@127.0.0.1']) {
      const res = await fetch(`${app.url}/subscribe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: bad }) });
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    }
    const page = await form('/subscribe', 'email=nope');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('exactly one @');
    expect((await fetch(`${app.url}/subscribe`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })).status).toBe(415);
    expect((await fetch(`${app.url}/subscribe`)).status).toBe(405);
    // Not JSON at all, JSON without an address, and a body past the form's 4 KiB: each a clear code.
    for (const body of ['{"email": ', '[]', '{"mail": "x@example.org"}']) {
      const res = await fetch(`${app.url}/subscribe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code, body).toBe('BAD_REQUEST');
    }
    const huge = await form('/subscribe', `email=${'a'.repeat(5000)}%40example.org`);
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const gqlBad = await gql(app.url, 'mutation { subscribe(email: "nope") { accepted } }');
    expect(gqlBad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('sends the confirmation after answering: a slow mail server does not slow the answer', async () => {
    const slow = await startSmtpServer({ delayMs: 3000 });
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SMTP_URL: slow.url, PUBLIC_URL: origin });
    const other = await startApp({ config, logger: pino({ level: 'silent' }), database, subscribeLimits: { ...defaultSubscribeLimits, perClient: 1000 } });
    try {
      const res = await fetch(`${other.url}/subscribe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'patient@example.org' }) });
      expect(res.status).toBe(202);
      expect(slow.messages).toHaveLength(0);
      await other.mail.idle();
      expect(slow.messages.map((m) => m.to[0])).toEqual(['patient@example.org']);
    } finally {
      await other.stop();
      await slow.close();
    }
  });

  it('limits requests per client (429, Retry-After) and confirmation e-mails per address (silently)', async () => {
    await database.db.execute(sql`delete from subscribe_limits`);
    const other = await startApp({ config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SMTP_URL: smtp.url, PUBLIC_URL: origin }), logger: pino({ level: 'silent' }), database });
    try {
      const before = smtp.messages.length;
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await fetch(`${other.url}/subscribe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'popular@example.org' }) });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
          expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
        }
      }
      expect(statuses).toEqual([...Array(10).fill(202), 429]);
      const gqlRefused = await gql(other.url, 'mutation { subscribe(email: "x@example.org") { accepted } }');
      expect(gqlRefused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      await other.mail.idle();
      // Ten accepted requests for one address, three links: the fourth and later send nothing.
      expect(smtp.messages.slice(before).filter((m) => m.to[0] === 'popular@example.org')).toHaveLength(3);
    } finally {
      await other.stop();
    }
  });

  it('only admins read addresses', async () => {
    const query = '{ subscribers(first: 50, status: CONFIRMED) { totalCount edges { node { email status } } } }';
    expect((await gql(app.url, query)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(app.url, query, undefined, { authorization: 'Bearer not-the-admin-token' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const read = await gql<{ subscribers: { totalCount: number; edges: { node: { email: string; status: string } }[] } }>(app.url, query, undefined, admin);
    expect(read.data?.subscribers.edges.map((e) => e.node.email)).toContain('ann.reader@example.org');
    expect(read.data?.subscribers.edges.every((e) => e.node.status === 'CONFIRMED')).toBe(true);
  });

  it('never writes an address into the log, only its hash', () => {
    expect(logs).toContain('confirmation e-mail sent');
    expect(logs).not.toMatch(/[\w.+-]+@example\.org/);
  });
});
