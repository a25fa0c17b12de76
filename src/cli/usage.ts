/** Bad arguments: one line on stderr, exit code 2, nothing written (shared/PRODUCT.md). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const usage = `usage: mlbrief <command> [options]

commands:
  serve [--no-worker]   serve the HTTP API and run the scheduler (what \`npm start\` runs)
  worker                the scheduler alone (needs DATABASE_URL)
  migrate               apply pending migrations (safe to run concurrently)
  seed                  upsert everything in seeds/ (idempotent)
  sources add URL [--name N] [--weight W] [--publisher P] [--kind feed|aggregator]
          | sources list [--json] | sources remove URL
  ingest [--json]       one fetch pass over all enabled sources now
  edition [--date YYYY-MM-DD] [--force] [--json] [--explain]
                        build (or rebuild) the edition for a date and print it; --explain lists every
                        candidate story: members, publishers, signals, score, and what kept it out
  subscribers add EMAIL… | list [--json] | remove EMAIL | export   e-mail subscribers (add = confirmed, for imports)
  keys create --name N [--json] | keys list [--json] | keys revoke ID
                        API keys for third-party apps (create prints the secret, once)
  send [--date YYYY-MM-DD] [--dry-run]   deliver that edition's e-mail to every confirmed subscriber not yet sent it
  --version             print the version

environment: see README.md (PORT, HOST, DATABASE_URL, DATA_DIR, INGEST_CRON, FETCH_*, SMTP_URL, PUBLIC_URL, LOG_LEVEL, …)`;
