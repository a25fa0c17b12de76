import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticImports } from '../support/import-graph.js';

const src = path.resolve(import.meta.dirname, '../../src');
const commands = readdirSync(path.join(src, 'cli/commands')).filter((f) => f.endsWith('.ts'));

// Every `mlbrief` process pays for what its command loads: the server (Apollo, graphql, the pages)
// costs an operator's `sources list` over a second of CPU it never uses, as it did each CLI test.
describe('what a command loads', () => {
  it('answers --version, --help and bad arguments before loading any package', () => {
    expect([...staticImports(path.join(src, 'cli/run.ts')).packages]).toEqual([]);
  });

  it.each(commands.filter((f) => f !== 'serve.ts'))('%s loads neither the server nor the pages', (file) => {
    const { files, packages } = staticImports(path.join(src, 'cli/commands', file));
    const server = [...files].map((f) => path.relative(src, f)).filter((f) => f === 'app.ts' || /^(http|pages)\//.test(f) || f === 'graphql/server.ts');
    expect(server).toEqual([]);
    expect([...packages].filter((p) => ['@apollo/server', '@graphql-tools/schema', 'graphql', 'dataloader', 'markdown-it', 'katex'].includes(p))).toEqual([]);
  });

  it.each([
    ['rss-parser', ['ingest.ts', 'worker.ts']],
    ['nodemailer', ['send.ts', 'worker.ts']],
  ])('only the commands that fetch feeds or send mail load %s', (pkg, users) => {
    expect(commands.filter((f) => staticImports(path.join(src, 'cli/commands', f)).packages.has(pkg))).toEqual(['serve.ts', ...users].sort());
  });
});
