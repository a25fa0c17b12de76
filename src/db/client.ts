import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import type { Logger as DrizzleLogger } from 'drizzle-orm/logger';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** SQL statements sent so far; tests and benchmarks read it to prove a query's cost is flat. */
  stats: { statements: number; recent: string[] };
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url?: string | undefined;
  dataDir: string;
  /** Pool size for PostgreSQL; PGlite is always one connection. */
  maxConnections?: number;
  /** A PGlite data-dir tarball to start a new database from (tests boot from a migrated one). */
  template?: Blob;
  /**
   * PostgreSQL's statement_timeout in ms (default 15 s; 0: none). Only connections that create and
   * drop databases lift it: DROP DATABASE waits for a checkpoint, which on a busy server can take
   * longer than any query the app runs should.
   */
  statementTimeoutMs?: number;
}

class StatementCounter implements DrizzleLogger {
  readonly stats = { statements: 0, recent: [] as string[] };
  logQuery(query: string): void {
    this.stats.statements++;
    // The last few statements' text, for a test that counts statements to say which ran.
    this.stats.recent.push(query);
    if (this.stats.recent.length > 20) this.stats.recent.shift();
  }
}

/** PostgreSQL when a URL is given, otherwise the embedded PGlite under `dataDir`. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url
    ? openPostgres(options.url, options.maxConnections ?? 10, options.statementTimeoutMs ?? 15_000)
    : openPglite(options.dataDir, options.template);
}

async function openPostgres(url: string, max: number, statementTimeoutMs: number): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  // statement_timeout: no query, however hostile, holds a connection for long.
  const client = postgres(url, {
    max,
    onnotice: () => {},
    connection: { application_name: 'mlbrief', statement_timeout: statementTimeoutMs },
  });
  const counter = new StatementCounter();
  const db = drizzle(client, { schema, logger: counter }) as unknown as Db;
  return { db, kind: 'postgres', stats: counter.stats, close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dataDir: string, template?: Blob): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const inMemory = dataDir.startsWith('memory://');
  const fresh = inMemory || !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  // initdb inside WASM takes seconds and ~900 MB; a cluster prepared by PGlite's authors for this
  // exact version loads in a fraction of that (bench/startup.ts measures both).
  const loadDataDir = fresh ? (template ?? (await preparedCluster())) : undefined;
  const client = await PGlite.create(inMemory ? undefined : dataDir, loadDataDir ? { loadDataDir } : {});
  const counter = new StatementCounter();
  const db = drizzle(client, { schema, logger: counter }) as unknown as Db;
  return { db, kind: 'pglite', stats: counter.stats, close: () => client.close() };
}

async function preparedCluster(): Promise<Blob | undefined> {
  try {
    const { dataDir } = await import('@electric-sql/pglite-prepopulatedfs');
    return await dataDir();
  } catch {
    return undefined; // falls back to initdb: slower, same result
  }
}

/** Rows of a raw query, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/**
 * Statement texts the driver may keep prepared, per database handle: each costs memory on every
 * connection of that handle's pool.
 */
const preparedTextsOf = new WeakMap<Db, Set<string>>();
const maxPreparedTexts = 64;

/**
 * Rows of a hot statement, which the driver may keep parsed and planned per connection under its
 * text (postgres.js: a named prepared statement; PGlite plans every statement anyway). drizzle
 * sends every other statement unnamed, parsed and planned per call. Texts vary with what a query
 * selects, so only the first `maxPreparedTexts` are kept; later ones run unnamed.
 */
export async function queryPreparedRows<T>(db: Db, query: SQL): Promise<T[]> {
  const built = db.execute(query).getQuery();
  let preparedTexts = preparedTextsOf.get(db);
  if (!preparedTexts) preparedTextsOf.set(db, (preparedTexts = new Set()));
  if (!preparedTexts.has(built.sql) && preparedTexts.size < maxPreparedTexts) preparedTexts.add(built.sql);
  const name = preparedTexts.has(built.sql) ? 'prepared' : undefined;
  return rowsOf<T>(await db._.session.prepareQuery(built, undefined, name, false).execute());
}

export const ping = (db: Db) => db.execute(sql`select 1`);
