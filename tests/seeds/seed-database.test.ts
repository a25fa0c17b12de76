import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeedsDir, readSeedLibrary } from '../../src/content/seeds/read-seeds.js';
import { seedDatabase } from '../../src/content/seeds/seed-database.js';
import { queryRows } from '../../src/db/client.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

/** Everything seeding writes, in a stable order, timestamps included. */
async function snapshot(database: TestDatabase) {
  const tables = ['tags', 'concepts', 'concept_tags', 'explanations', 'concept_relations'];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    out[table] = await queryRows(database.db, sql.raw(`select to_jsonb(t) - 'search' as row from ${table} t order by (to_jsonb(t) - 'search')::text`));
  }
  return JSON.stringify(out);
}

describe(`seeding ${backend}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.dispose());

  it('loads the whole library, and a second run changes nothing', async () => {
    const library = await readSeedLibrary(defaultSeedsDir);
    const first = await seedDatabase(database.db, library);
    expect(first.changed).toBe(library.concepts.length);
    const before = await snapshot(database);
    const second = await seedDatabase(database.db, library);
    expect(second.changed).toBe(0);
    expect(await snapshot(database)).toBe(before);
  });

  it('rewrites a changed card in place and leaves its id alone', async () => {
    const library = await readSeedLibrary(defaultSeedsDir);
    const [before] = await queryRows<{ id: number }>(database.db, sql`select id from concepts where slug = 'dropout'`);
    const edited = {
      ...library,
      concepts: library.concepts.map((c) => (c.slug === 'dropout' ? { ...c, summary: 'Edited summary.' } : c)),
    };
    expect((await seedDatabase(database.db, edited)).changed).toBe(1);
    const [after] = await queryRows<{ id: number; summary: string }>(
      database.db,
      sql`select id, summary from concepts where slug = 'dropout'`,
    );
    expect(after).toEqual({ id: before!.id, summary: 'Edited summary.' });
    await seedDatabase(database.db, library);
  });
});

describe('an invalid seed file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mlbrief-seeds-'));
    await cp(defaultSeedsDir, path.join(dir, 'seeds'), { recursive: true });
  });

  it('fails with one line naming the file and the field', async () => {
    const file = path.join(dir, 'seeds/concepts/regularization/dropout.yaml');
    await writeFile(file, 'slug: dropout\nname: Dropout\ntitle: Dropout helps\nsummary: s\ndifficulty: expert\n');
    await expect(readSeedLibrary(path.join(dir, 'seeds'))).rejects.toThrow(
      /^seeds\/concepts\/regularization\/dropout\.yaml: difficulty: /,
    );
  });

  it('names a missing required field', async () => {
    const file = path.join(dir, 'seeds/concepts/regularization/dropout.yaml');
    await writeFile(
      file,
      'slug: dropout\nname: Dropout\ntitle: Dropout helps\nsummary: s\ndifficulty: beginner\ntags: [regularization]\nexample: e\n' +
        'explanations:\n  - { kind: intuition, body: a }\n  - { kind: pitfall, body: b }\n',
    );
    await expect(readSeedLibrary(path.join(dir, 'seeds'))).rejects.toThrow(/dropout\.yaml: references: /);
  });
});
