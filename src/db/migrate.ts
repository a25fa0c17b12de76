import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { queryRows, type Db } from './client.js';
import { lockKeys, waitForLock } from './locks.js';

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/** The same bookkeeping table drizzle-kit uses, so both tools agree on what is applied. */
const journal = sql`drizzle.__drizzle_migrations`;

export interface MigrateResult {
  applied: string[];
}

/**
 * Applies pending migrations in one transaction under an advisory transaction lock: drizzle's own
 * migrator takes no lock, so two processes starting together would both run the same DDL.
 * The second migrator waits, then finds nothing left to do. No statement timeout applies.
 */
export async function migrate(db: Db): Promise<MigrateResult> {
  const migrations = readMigrationFiles({ migrationsFolder });
  return db.transaction(async (tx) => {
    // Connections cut statements at 15 s (client.ts); a migration that rewrites a table (0008 fills
    // a column of every story link) or waits for another migrator doing so may take longer.
    await tx.execute(sql`set local statement_timeout = 0`);
    await waitForLock(tx, lockKeys.migrate);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(
      sql`create table if not exists ${journal} (id serial primary key, hash text not null, created_at bigint)`,
    );
    const last = await lastApplied(tx as unknown as Db);
    const applied: string[] = [];
    for (const migration of migrations) {
      if (last !== undefined && migration.folderMillis <= last) continue;
      for (const statement of migration.sql) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into ${journal} (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`);
      applied.push(migration.hash);
    }
    return { applied };
  });
}

/** Migrations in migrations/ that the database has not applied yet (readiness checks this). */
export async function pendingMigrations(db: Db): Promise<MigrationMeta[]> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const exists = await queryRows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!exists[0]?.present) return migrations;
  const last = await lastApplied(db);
  return migrations.filter((m) => last === undefined || m.folderMillis > last);
}

async function lastApplied(db: Db): Promise<number | undefined> {
  const rows = await queryRows<{ created_at: string | number | null }>(
    db,
    sql`select created_at from ${journal} order by created_at desc limit 1`,
  );
  const value = rows[0]?.created_at;
  return value === undefined || value === null ? undefined : Number(value);
}
