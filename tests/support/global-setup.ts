import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { defaultSeedsDir as seedsDir, readSeedLibrary } from '../../src/content/seeds/read-seeds.js';
import { seedDatabase } from '../../src/content/seeds/seed-database.js';
import { sql } from 'drizzle-orm';
import { adminUrl, databaseUrl } from './postgres-names.js';

/**
 * Prepares templates once per run, so each test file starts from a fresh copy in a moment: a
 * migrated one and a migrated and seeded one (what `serve` makes of an empty database; seeding the
 * library takes seconds, and most files that start the app would otherwise each pay it), as PGlite
 * data-dir tarballs, or (with TEST_DATABASE_URL) PostgreSQL template databases.
 * Also builds dist/ (its explorer assets and the reader's assets), which the CLI tests run as a real process.
 */

export default async function setup(project: TestProject) {
  // --if-stale: the suite's second pass (on PostgreSQL, in CI) finds dist/ built by the first.
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlbrief-test-'));
  const serverUrl = process.env.TEST_DATABASE_URL;

  if (serverUrl) {
    const template = `mlbrief_test_template_${process.pid}`;
    const admin = await openDatabase({ url: adminUrl(serverUrl), dataDir: '', statementTimeoutMs: 0 });
    await admin.db.execute(sql.raw(`drop database if exists "${template}"`));
    await admin.db.execute(sql.raw(`create database "${template}"`));
    const db = await openDatabase({ url: databaseUrl(serverUrl, template), dataDir: '' });
    await migrate(db.db);
    await db.close();
    await admin.db.execute(sql.raw(`drop database if exists "${template}_seeded"`));
    await admin.db.execute(sql.raw(`create database "${template}_seeded" template "${template}"`));
    const seeded = await openDatabase({ url: databaseUrl(serverUrl, `${template}_seeded`), dataDir: '' });
    await seedDatabase(seeded.db, await readSeedLibrary(seedsDir));
    await seeded.close();
    project.provide('postgresTemplate', template);
    project.provide('postgresSeededTemplate', `${template}_seeded`);
    await admin.close();
  } else {
    const db = await openDatabase({ url: undefined, dataDir: 'memory://' });
    await migrate(db.db);
    const client = (db.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
    const tarball = path.join(dir, 'migrated.tar.gz');
    writeFileSync(tarball, Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer()));
    await seedDatabase(db.db, await readSeedLibrary(seedsDir));
    const seededTarball = path.join(dir, 'seeded.tar.gz');
    writeFileSync(seededTarball, Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer()));
    await db.close();
    project.provide('pgliteTemplate', tarball);
    project.provide('pgliteSeededTemplate', seededTarball);
  }

  return async () => {
    if (serverUrl) {
      const admin = await openDatabase({ url: adminUrl(serverUrl), dataDir: '', statementTimeoutMs: 0 });
      for (const name of [`mlbrief_test_template_${process.pid}`, `mlbrief_test_template_${process.pid}_seeded`]) {
        await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
      }
      await admin.close();
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgliteSeededTemplate: string;
    postgresTemplate: string;
    postgresSeededTemplate: string;
  }
}
