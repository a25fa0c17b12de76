import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { addConfirmed } from '../../src/mail/subscribers/subscribers.queries.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

const token = 'relay-admin-token-0123456789abcdef';
const admin = { authorization: `Bearer ${token}` };

interface Connection {
  edges: { cursor: string; node: { id: string } }[];
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Each connection of the schema: how to ask for a page of it, and where it is in the answer. */
const connections: [name: string, field: string, extra: string][] = [
  ['concepts', 'concepts', 'difficulty: ADVANCED'],
  ['concepts filtered by tag', 'concepts', 'tag: "regularization"'],
  ['Tag.concepts', 'tag(slug: "regularization") { concepts', ''],
  ['searchConcepts', 'searchConcepts', 'query: "network"'],
  ['stories', 'stories', ''],
  ['Concept.mentions', 'concept(slug: "dropout") { mentions', ''],
  ['editions', 'editions', ''],
  ['subscribers (admin)', 'subscribers', ''],
];

describe(`Relay connections and nodes on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { ADMIN_TOKEN: token, RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_API_KEY: '0' });
    const { db } = database;
    await db.execute(sql`insert into sources (url, name) values ('https://lab.example/feed', 'Lab')`);
    // Stories stored in one batch share an effective_at to the microsecond; others are a microsecond apart.
    await db.execute(sql`insert into stories (source_id, identity, title, first_seen_at)
      select s.id, 'same-' || n, 'Same instant ' || n, timestamptz '2026-11-02 10:00:00.123456+00'
      from sources s, generate_series(1, 6) n where s.url = 'https://lab.example/feed'`);
    await db.execute(sql`insert into stories (source_id, identity, title, published_at)
      select s.id, 'apart-' || n, 'Apart ' || n, timestamptz '2026-11-02 10:00:00.123456+00' + n * interval '1 microsecond'
      from sources s, generate_series(1, 5) n where s.url = 'https://lab.example/feed'`);
    await db.execute(sql`insert into stories (source_id, identity, title, published_at)
      select s.id, 'apart-back-' || n, 'Apart back ' || n, timestamptz '2026-11-02 10:00:00.123456+00' - n * interval '1 microsecond'
      from sources s, generate_series(1, 5) n where s.url = 'https://lab.example/feed'`);
    await db.execute(sql`insert into story_concepts (story_id, concept_id) select st.id, c.id from stories st, concepts c where c.slug = 'dropout'`);
    for (const date of ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05']) {
      const res = await gql(app.url, `mutation($d: Date) { publishEdition(date: $d) { id } }`, { d: date }, admin);
      expect(res.errors).toBeUndefined();
    }
    for (let i = 0; i < 7; i++) await addConfirmed(db, `reader${i}@example.org`, new Date());
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  async function page(field: string, extra: string, args: string): Promise<Connection> {
    const nested = field.includes('{');
    const all = [extra, args].filter(Boolean).join(', ');
    const query = `{ ${field}(${all}) { edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount }${nested ? ' }' : ''} }`;
    const res = await gql(app.url, query, {}, admin);
    expect(res.errors, query).toBeUndefined();
    let value: any = res.data;
    for (const name of field.split(' {').map((f) => f.trim().split('(')[0]!)) value = value[name];
    return value as Connection;
  }

  it.each(connections)('%s: pages forward and backward over every row once, with nodes and pageInfo', async (_name, field, extra) => {
    const whole = await page(field, extra, 'first: 100');
    const ids = whole.edges.map((e) => e.node.id);
    expect(ids.length).toBeGreaterThan(4);
    expect(ids.length).toBe(whole.totalCount);
    expect(whole.nodes.map((n) => n.id)).toEqual(ids);
    expect(whole.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: whole.edges[0]!.cursor, endCursor: whole.edges.at(-1)!.cursor });

    const forward: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const p: Connection = await page(field, extra, `first: 2${after ? `, after: "${after}"` : ''}`);
      forward.push(...p.edges.map((e) => e.node.id));
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor ?? null);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(forward).toEqual(ids);

    const backward: string[] = [];
    let before: string | null = null;
    for (let i = 0; i < 100; i++) {
      const p: Connection = await page(field, extra, `last: 3${before ? `, before: "${before}"` : ''}`);
      backward.unshift(...p.edges.map((e) => e.node.id));
      expect(p.pageInfo.hasNextPage).toBe(before !== null);
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
    }
    expect(backward).toEqual(ids);

    // Between two cursors, both ways.
    const middle = await page(field, extra, `first: 100, after: "${whole.edges[0]!.cursor}", before: "${whole.edges.at(-1)!.cursor}"`);
    expect(middle.edges.map((e) => e.node.id)).toEqual(ids.slice(1, -1));
  });

  it('refuses first with last, and a cursor from elsewhere', async () => {
    for (const args of ['first: 2, last: 2', 'before: "bm9wZQ"', 'last: 0']) {
      const res = await gql(app.url, `{ concepts(${args}) { totalCount } }`);
      expect([args, res.status, res.errors?.[0]?.extensions?.code]).toEqual([args, 400, 'BAD_USER_INPUT']);
    }
  });

  it('refuses first or last outside 1–100 before running anything, pointing at the argument', async () => {
    for (const [value, query] of [
      ['0', '{ concepts(first: 0) { totalCount } }'],
      ['101', '{ concepts(last: 101) { totalCount } }'],
    ] as const) {
      const res = await gql(app.url, query);
      const column = query.indexOf(value === '0' ? 'first' : 'last') + 1;
      expect([res.status, res.errors?.[0]?.extensions?.code, res.errors?.[0]?.locations]).toEqual([400, 'BAD_USER_INPUT', [{ line: 1, column }]]);
      expect(res.errors?.[0]?.message).toMatch(new RegExp(`^(first|last) must be between 1 and 100, got ${value}$`));
      expect(res.data ?? null).toBeNull(); // refused as a whole request, not as a field that failed
    }
  });

  it('resolves every id it hands out through node(id): IngestRun and the preview too', async () => {
    // Today before any ingest pass: a preview, not stored, with an id of its own.
    const preview = await gql(app.url, `query($d: Date) { daily(date: $d) { id preview } }`, { d: new Date().toISOString().slice(0, 10) });
    expect(preview.data!.daily.preview).toBe(true);
    await database.db.execute(sql`update sources set enabled = false where url <> 'https://lab.example/feed'`);
    await database.db.execute(sql`update sources set url = 'http://127.0.0.1:9/feed' where url = 'https://lab.example/feed'`); // refused at once, no network
    const run = await gql(app.url, `mutation { runIngest { id itemsNew sources { url status } } }`, {}, admin);
    expect(run.errors).toBeUndefined();
    const ids = await gql(
      app.url,
      `{ concept(slug: "dropout") { id tags { id } explanations { id } mentions(first: 1) { nodes { id source { id } } } }
         editions(first: 1) { nodes { id } } daily { id preview } }`,
    );
    expect(ids.errors).toBeUndefined();
    const d = ids.data!;
    const all: [string, string][] = [
      ['Concept', d.concept.id],
      ['Tag', d.concept.tags[0].id],
      ['Explanation', d.concept.explanations[0].id],
      ['Story', d.concept.mentions.nodes[0].id],
      ['Source', d.concept.mentions.nodes[0].source.id],
      ['DailyEdition', d.editions.nodes[0].id],
      ['DailyEdition', d.daily.id],
      ['DailyEdition', preview.data!.daily.id],
      ['IngestRun', run.data!.runIngest.id],
    ];
    for (const [type, id] of all) {
      const res = await gql(app.url, `query($id: ID!) { node(id: $id) { __typename id } }`, { id });
      expect([type, res.data?.node]).toEqual([type, { __typename: type, id }]);
    }
    expect(run.data!.runIngest.sources).toEqual([{ url: 'http://127.0.0.1:9/feed', status: 'ERROR' }]);
    const ingest = await gql(app.url, `query($id: ID!) { node(id: $id) { ... on IngestRun { itemsNew sources { url status } } } }`, { id: run.data!.runIngest.id });
    expect(ingest.data!.node).toEqual({ itemsNew: run.data!.runIngest.itemsNew, sources: run.data!.runIngest.sources });
  });
});
