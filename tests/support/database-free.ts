import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Test files that never reach a database: none of their relative imports, followed through test
 * helpers and src/, leads to a database client, the app or the CLI. They give the same result on
 * PGlite and on PostgreSQL, so the suite's PostgreSQL pass (TEST_DATABASE_URL set) leaves them out.
 */
export function databaseFreeTests(root: string): string[] {
  const reaches = new Map<string, boolean>();
  const touchesDatabase = (file: string): boolean => {
    const known = reaches.get(file);
    if (known !== undefined) return known;
    reaches.set(file, false); // a cycle adds nothing
    // Type-only imports bring no code along.
    const source = readFileSync(file, 'utf8').replace(/^(import|export) type [^;]*;/gm, '');
    // What opens a database: the client, the test databases, the app and a CLI process (dist/main.js).
    let verdict = /src\/db\/client|support\/database|dist\/main\.js|DATABASE_URL/.test(file + source);
    for (const [, spec] of verdict ? [] : source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = path.resolve(path.dirname(file), spec!).replace(/\.js$/, '.ts');
      if (existsSync(target) && touchesDatabase(target)) {
        verdict = true;
        break;
      }
    }
    reaches.set(file, verdict);
    return verdict;
  };
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.test.ts') && !touchesDatabase(full)) files.push(path.relative(root, full));
    }
  };
  visit(path.join(root, 'tests'));
  return files.sort();
}
