// Benchmarks that generate or truncate data run in a database of their own on the server, created
// next to BENCH_DATABASE_URL's and dropped afterwards: the URL's own database is never touched.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../dist/db/client.js';

export async function scratchDatabase(url, label) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const name = `mlbrief_bench_${label}_${process.pid}`;
  const server = await openDatabase({ url: admin.toString(), dataDir: '', maxConnections: 1, statementTimeoutMs: 0 });
  await server.db.execute(sql.raw(`drop database if exists "${name}"`));
  await server.db.execute(sql.raw(`create database "${name}"`));
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    drop: async () => {
      await server.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
      await server.close();
    },
  };
}
