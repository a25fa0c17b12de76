import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { databaseFreeTests } from './tests/support/database-free.js';

// The PostgreSQL pass (TEST_DATABASE_URL set) runs only the files that reach a database: the rest
// were run by the PGlite pass and cannot answer differently.
const root = fileURLToPath(new URL('.', import.meta.url));
const skipped = process.env.TEST_DATABASE_URL ? databaseFreeTests(root) : [];
if (skipped.length) console.log(`TEST_DATABASE_URL is set: ${skipped.length} database-free test files are left to the PGlite pass`);

export default defineConfig({
  // One graphql-js for our code and for Apollo/graphql-tools (which require() the CommonJS build):
  // two copies would make `instanceof` checks on schema types fail across "realms".
  resolve: { alias: { graphql: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...skipped],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are ~400 MB each and the machine has 2 cores; a third file runs while
    // others wait on child processes, SMTP and HTTP servers (the suite kept ~1.6 of 2 cores busy).
    maxWorkers: 3,
    // Each test file's worker loads PGlite's WebAssembly afresh; V8 compiling it a second time with
    // its optimizing tier costs more CPU than a file of seconds earns back (PGlite pass 294 s
    // against 343 s, back to back on a quiet machine). Behaviour is the same.
    execArgv: ['--liftoff-only'],
    // A worker imports the app once for all its files, not once per file (import was 139 s of the
    // PGlite pass's worker time). Safe because no test mocks, stubs or edits process.env, and
    // module-level caches are keyed by database handle or by values a test makes up (API key
    // secrets). Measured back to back on a quiet machine: PGlite pass 331 s → 250 s and 254 s,
    // PostgreSQL pass 160 s → 99 s, every test passing.
    isolate: false,
  },
});
