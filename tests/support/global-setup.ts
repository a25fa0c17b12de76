import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { sql } from 'drizzle-orm';
import { adminUrl, databaseUrl } from './postgres-names.js';

/**
 * Prepares one migrated template per run, so each test file starts from a fresh copy in a moment:
 * a PGlite data-dir tarball, and (with TEST_DATABASE_URL) a PostgreSQL template database.
 * Also builds dist/ (its explorer assets and the reader's assets), which the CLI tests run as a real process.
 */
export default async function setup(project: TestProject) {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/build.mjs')], { stdio: 'inherit' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlbrief-test-'));
  const serverUrl = process.env.TEST_DATABASE_URL;

  if (serverUrl) {
    const template = `mlbrief_test_template_${process.pid}`;
    const admin = await openDatabase({ url: adminUrl(serverUrl), dataDir: '' });
    await admin.db.execute(sql.raw(`drop database if exists "${template}"`));
    await admin.db.execute(sql.raw(`create database "${template}"`));
    const db = await openDatabase({ url: databaseUrl(serverUrl, template), dataDir: '' });
    await migrate(db.db);
    await db.close();
    project.provide('postgresTemplate', template);
    await admin.close();
  } else {
    const db = await openDatabase({ url: undefined, dataDir: 'memory://' });
    await migrate(db.db);
    const client = (db.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
    const tarball = path.join(dir, 'migrated.tar.gz');
    writeFileSync(tarball, Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer()));
    await db.close();
    project.provide('pgliteTemplate', tarball);
  }

  return async () => {
    if (serverUrl) {
      const admin = await openDatabase({ url: adminUrl(serverUrl), dataDir: '' });
      await admin.db.execute(sql.raw(`drop database if exists "mlbrief_test_template_${process.pid}" with (force)`));
      await admin.close();
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}
