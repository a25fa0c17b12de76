import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFreeTests } from '../support/database-free.js';

describe('the test files the PostgreSQL pass leaves out', () => {
  const free = databaseFreeTests(path.resolve(import.meta.dirname, '../..'));

  it('are those that never reach a database, directly or through a helper', () => {
    expect(free).toContain('tests/news/parse/charset.test.ts'); // through ./helpers.js, which only parses
    expect(free).toContain('tests/seeds/content-checks.test.ts');
    expect(free).not.toContain('tests/api/concepts.test.ts'); // support/database directly
    expect(free).not.toContain('tests/pages/pages-http.test.ts'); // through ./fixture.js
    expect(free).not.toContain('tests/mail/cli.test.ts'); // a CLI process
    expect(free).not.toContain('tests/db/migrations.test.ts');
  });
});
