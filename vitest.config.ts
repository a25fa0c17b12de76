import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One graphql-js for our code and for Apollo/graphql-tools (which require() the CommonJS build):
  // two copies would make `instanceof` checks on schema types fail across "realms".
  resolve: { alias: { graphql: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are ~400 MB each and the machine has 2 cores.
    maxWorkers: 2,
  },
});
