import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/env.js';
import { deliverEdition } from '../../src/mail/delivery/deliver.js';
import { gql } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { startSmtpServer, type SmtpSink } from '../support/smtp-server.js';
import { addSubscribers, insertEdition, origin, subscriberRow } from './helpers.js';

describe(`unsubscribing from a daily e-mail on ${backend}`, () => {
  let database: TestDatabase;
  let smtp: SmtpSink;
  let app: RunningApp;
  const links = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    smtp = await startSmtpServer();
    app = await startApp({ config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SMTP_URL: smtp.url, PUBLIC_URL: origin }), logger: pino({ level: 'silent' }), database });
    await addSubscribers(database.db, ['click@example.org', 'page@example.org', 'api@example.org', 'json@example.org']);
    await deliverEdition({ database, mailer: app.mail.mailer, logger: pino({ level: 'silent' }) }, await insertEdition(database.db, '2026-11-27'));
    for (const m of smtp.messages) links.set(m.to[0]!, /^List-Unsubscribe: <([^>]+)>/m.exec(m.raw.toString('latin1'))![1]!.replace(origin, app.url));
  });
  afterAll(async () => {
    await app.stop();
    await smtp.close();
    await database.dispose();
  });

  const oneClick = (link: string) =>
    fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });

  it('RFC 8058 one-click: a POST to the List-Unsubscribe link unsubscribes, no page needed; a second POST succeeds too', async () => {
    const link = links.get('click@example.org')!;
    const first = await oneClick(link);
    expect(first.status).toBe(200);
    expect(await subscriberRow(database.db, 'click@example.org')).toMatchObject({ status: 'unsubscribed' });
    const second = await oneClick(link);
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('<h1>Unsubscribed</h1>');
    expect(await subscriberRow(database.db, 'click@example.org')).toMatchObject({ status: 'unsubscribed' });
  });

  it('a GET shows a confirmation page and changes nothing; its button posts', async () => {
    const link = links.get('page@example.org')!;
    for (const method of ['GET', 'HEAD']) expect((await fetch(link, { method })).status).toBe(200);
    const page = await (await fetch(link)).text();
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    const action = /<form method="post" action="([^"]+)">/.exec(page)?.[1];
    expect(action).toBe(new URL(link).pathname + new URL(link).search);
    expect(await subscriberRow(database.db, 'page@example.org')).toMatchObject({ status: 'confirmed' });
    expect((await fetch(`${app.url}${action}`, { method: 'POST' })).status).toBe(200);
    expect(await subscriberRow(database.db, 'page@example.org')).toMatchObject({ status: 'unsubscribed' });
  });

  it('answers JSON to a client that asks for it: the one-click POST, and the GET that changes nothing', async () => {
    const link = links.get('json@example.org')!;
    const look = await fetch(link, { headers: { accept: 'application/json' } });
    expect(look.status).toBe(200); // a GET only shows what a click would do: the page, whatever is asked
    expect(await subscriberRow(database.db, 'json@example.org')).toMatchObject({ status: 'confirmed' });
    const res = await fetch(link, { method: 'POST', headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', message: 'Unsubscribed' });
    expect(await subscriberRow(database.db, 'json@example.org')).toMatchObject({ status: 'unsubscribed' });
  });

  it('GraphQL unsubscribe(token) does the same, idempotently', async () => {
    const token = new URL(links.get('api@example.org')!).searchParams.get('token');
    const query = 'mutation($t: String!) { unsubscribe(token: $t) { status } }';
    for (let i = 0; i < 2; i++) expect((await gql(app.url, query, { t: token })).data?.unsubscribe).toEqual({ status: 'UNSUBSCRIBED' });
    expect(await subscriberRow(database.db, 'api@example.org')).toMatchObject({ status: 'unsubscribed' });
    expect((await gql(app.url, query, { t: 'A'.repeat(43) })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a link we never issued is refused, as a page or JSON', async () => {
    const bogus = `${app.url}/unsubscribe?token=${'B'.repeat(43)}`;
    expect((await fetch(bogus)).status).toBe(400);
    const json = await fetch(bogus, { method: 'POST', headers: { accept: 'application/json' } });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect((await fetch(`${app.url}/unsubscribe`, { method: 'PUT' })).status).toBe(405);
  });
});
