import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

const token = 'error-contract-admin-token-0123456789';
const json = { 'content-type': 'application/json' };

/** The README's error table: (code, status) per row. */
function readmeRows(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Errors'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| code |')));
  return [...table.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
}

/** The codes shared/PRODUCT.md (GraphQL section) promises clients. */
const productCodes = ['BAD_USER_INPUT', 'BAD_REQUEST', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED', 'QUERY_TOO_COMPLEX', 'PERSISTED_QUERY_NOT_FOUND', 'INTERNAL_SERVER_ERROR'];

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; locations?: unknown[]; extensions?: { code?: string } }[] };
}

describe(`the error contract on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  let keyless: RunningApp;
  let key: string;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { ADMIN_TOKEN: token, RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_API_KEY: '30', RATE_LIMIT_WINDOW_SECONDS: '31536000' });
    keyless = await startTestApp(database, { RATE_LIMIT_ANONYMOUS: '0' }); // no ADMIN_TOKEN
    const created = await post(app, { query: 'mutation { createApiKey(name: "errors") { secret } }' }, { authorization: `Bearer ${token}` });
    key = (created.body.data as { createApiKey: { secret: string } }).createApiKey.secret;
  });
  afterAll(async () => {
    await keyless.stop();
    await app.stop();
    await database.dispose();
  });

  async function answer(res: Response): Promise<Answer> {
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
  }
  const post = async (on: RunningApp, body: unknown, headers: Record<string, string> = {}) =>
    answer(await fetch(`${on.url}/graphql`, { method: 'POST', headers: { ...json, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }));
  const get = async (params: Record<string, string>, headers: Record<string, string> = { 'apollo-require-preflight': 'true' }) =>
    answer(await fetch(`${app.url}/graphql?${new URLSearchParams(params)}`, { headers }));
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');

  /** Every row of the README table, each with a request that must get it. */
  const cases: [row: string, label: string, send: () => Promise<Answer>][] = [
    ['BAD_USER_INPUT 400', 'first out of range', () => post(app, { query: '{ concepts(first: 101) { totalCount } }' })],
    ['BAD_USER_INPUT 400', 'a bad id, from a resolver', () => post(app, { query: '{ node(id: "not-an-id") { id } }' })],
    ['BAD_USER_INPUT 400', 'a malformed Date variable', () => post(app, { query: 'query($d: Date) { daily(date: $d) { date } }', variables: { d: '2026-13-45' } })],
    ['BAD_USER_INPUT 400', 'a future date', () => post(app, { query: '{ daily(date: "2999-01-01") { date } }' })],
    ['BAD_REQUEST 400', 'a body that is not JSON', () => post(app, '{"query": ')],
    ['BAD_REQUEST 400', 'no query', () => post(app, { variables: {} })],
    ['BAD_REQUEST 400', 'an unknown operationName', () => post(app, { query: 'query A { __typename }', operationName: 'B' })],
    ['BAD_REQUEST 400', 'an APQ hash that does not match', () => post(app, { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: sha('{ tags { slug } }') } } })],
    ['BAD_REQUEST 400', 'a GET without the CSRF header', () => get({ query: '{ __typename }' }, {})],
    ['BAD_REQUEST 405', 'a mutation over GET', () => get({ query: 'mutation { removeSource(id: "x") }' })],
    ['GRAPHQL_PARSE_FAILED 400', 'not GraphQL', () => post(app, { query: '{ concepts(' })],
    ['GRAPHQL_VALIDATION_FAILED 400', 'an unknown field', () => post(app, { query: '{ concepts(first: 1) { edges { node { slg } } } }' })],
    ['GRAPHQL_VALIDATION_FAILED 400', 'a subscription', () => post(app, { query: 'subscription { daily { date } }' })],
    ['GRAPHQL_VALIDATION_FAILED 400', 'a malformed Date literal', () => post(app, { query: '{ daily(date: "2026-13-01") { date } }' })],
    ['QUERY_TOO_COMPLEX 400', 'too deep', () => post(app, { query: `{ concept(slug: "dropout") { ${'related { '.repeat(20)}slug${' }'.repeat(20)} } }` })],
    ['UNAUTHENTICATED 401', 'an unknown key', () => post(app, { query: '{ __typename }' }, { authorization: 'Bearer mlb_no-such-key-at-all' })],
    ['UNAUTHENTICATED 401', 'an admin mutation without a token', () => post(app, { query: 'mutation { runIngest { id } }' })],
    ['FORBIDDEN 403', 'an admin mutation with an API key', () => post(app, { query: 'mutation { runIngest { id } }' }, { authorization: `Bearer ${key}` })],
    ['FORBIDDEN 403', 'an admin mutation on a server without ADMIN_TOKEN', () => post(keyless, { query: 'mutation { runIngest { id } }' })],
    ['NOT_FOUND 404', 'a date before the first ingest', () => post(app, { query: '{ daily(date: "2020-01-01") { date } }' })],
    ['RATE_LIMITED 429', 'a key past its limit', async () => {
      let last: Answer;
      do last = await post(app, { query: '{ tags { slug } }' }, { authorization: `Bearer ${key}` });
      while (last.status === 200);
      return last;
    }],
    ['PERSISTED_QUERY_NOT_FOUND 200', 'an unknown APQ hash', () => get({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha('{ never { sent } }') } }) })],
    ['METHOD_NOT_ALLOWED 405', 'DELETE /daily', async () => answer(await fetch(`${app.url}/daily`, { method: 'DELETE' }))],
    ['PAYLOAD_TOO_LARGE 413', 'a 2 MB body', () => post(app, { query: `{ ${' '.repeat(2_000_000)} __typename }` })],
    ['UNSUPPORTED_MEDIA_TYPE 415', 'POST /subscribe as text', async () => answer(await fetch(`${app.url}/subscribe`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }))],
    ['INTERNAL_SERVER_ERROR 500', 'a table gone missing', async () => {
      await database.db.execute(sql`alter table sources rename to sources_away`);
      try {
        return await post(app, { query: '{ sources { id } }' });
      } finally {
        await database.db.execute(sql`alter table sources_away rename to sources`);
      }
    }],
    ['INTERNAL_SERVER_ERROR 500', 'a REST path over a table gone missing', async () => {
      await database.db.execute(sql`alter table concepts rename to concepts_away`);
      try {
        return answer(await fetch(`${app.url}/concepts/not-cached-anywhere`, { headers: { accept: 'application/json' } }));
      } finally {
        await database.db.execute(sql`alter table concepts_away rename to concepts`);
      }
    }],
  ];

  it('documents every code of PRODUCT.md, and every row has a case here', () => {
    const rows = readmeRows();
    for (const code of productCodes) expect(rows.map((r) => r.split(' ')[0])).toContain(code);
    expect([...new Set(cases.map(([row]) => row))].sort()).toEqual([...new Set(rows)].sort());
  });

  it.each(cases)('%s: %s', async (row, _label, send) => {
    const res = await send();
    const code = res.body.errors?.[0]?.extensions?.code;
    expect(`${code} ${res.status}`, JSON.stringify(res.body)).toBe(row);
    // Apollo's messages name schema members in hints; production sends none.
    expect(JSON.stringify(res.body)).not.toMatch(/Did you mean/);
    if (!row.startsWith('INTERNAL_SERVER_ERROR')) expect(JSON.stringify(res.body)).not.toContain('INTERNAL_SERVER_ERROR');
    // A fault of the server is masked: the database's words (table names, SQL) stay in the log.
    else expect(res.body.errors?.[0]?.message).toBe('Internal server error');
  });

  it('locates a malformed literal, and hides hints in variable errors too', async () => {
    const literal = await post(app, { query: '{\n  daily(date: "2026-13-01") { date }\n}' });
    expect(literal.body.errors?.[0]?.locations).toEqual([{ line: 2, column: 15 }]);
    const variable = await post(app, { query: 'query($d: Difficulty) { concepts(first: 1, difficulty: $d) { totalCount } }', variables: { d: 'BEGINER' } });
    expect([variable.status, variable.body.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(variable.body.errors?.[0]?.message).not.toMatch(/Did you mean|BEGINNER/);
  });

  it('answers a repeated APQ request with the query once registered', async () => {
    const query = '{ tags { slug } }';
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha(query) } });
    const unknown = await get({ extensions });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await get({ query, extensions })).status).toBe(200);
    expect((await get({ extensions })).body.data).toBeTruthy();
  });
});
