/** Bad arguments: one line on stderr, exit code 2, nothing written (shared/PRODUCT.md). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const usage = `usage: mlbrief <command> [options]

commands:
  serve [--no-worker]   serve the HTTP API (what \`npm start\` runs)
  migrate               apply pending migrations (safe to run concurrently)
  seed                  upsert everything in seeds/ (idempotent)

environment: see README.md (PORT, HOST, DATABASE_URL, DATA_DIR, LOG_LEVEL, …)`;
