// Draws every card's diagram (src/content/diagrams/catalog) into seeds/diagrams/: SLUG.svg and
// alt.yaml. `--check` writes nothing and exits 1 when the committed files differ from what the
// code draws. Runs the compiled code, so it builds first when the sources are newer.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'seeds/diagrams');
const check = process.argv.includes('--check');

execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
const { altYaml, drawDiagrams } = await import(path.join(root, 'dist/content/diagrams/index.js'));

const diagrams = drawDiagrams();
const wanted = new Map(diagrams.map((d) => [`${d.slug}.svg`, d.svg]));
wanted.set('alt.yaml', altYaml(diagrams));
const present = existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.svg') || f === 'alt.yaml') : [];

const stale = present.filter((f) => !wanted.has(f));
const changed = [...wanted].filter(([f, body]) => !present.includes(f) || readFileSync(path.join(out, f), 'utf8') !== body).map(([f]) => f);
if (check) {
  for (const f of [...changed, ...stale]) console.error(`seeds/diagrams/${f} is not what the code draws`);
  process.exit(changed.length || stale.length ? 1 : 0);
}
mkdirSync(out, { recursive: true });
for (const f of stale) rmSync(path.join(out, f));
for (const f of changed) writeFileSync(path.join(out, f), wanted.get(f));
console.log(`${diagrams.length} diagrams: ${changed.length} written, ${stale.length} removed`);
