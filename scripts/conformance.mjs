// Conformance of the feed parser against the Python feedparser test corpus
// (../shared/corpora/feedparser, see its README). Runs the compiled parser (npm run build first)
// over wellformed/ and encoding/ and checks the Expect equalities we can translate:
// feed title and link, first entry title, link and published/updated date.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '../shared/corpora/feedparser');
const compiled = path.join(root, 'dist/news/parse/index.js');
const FOLDERS = ['wellformed', 'encoding'];
// feedparser's own test server serves the corpus here; "docuri" expectations depend on it.
const SERVED_AT = 'http://127.0.0.1:8097/tests/';

if (!existsSync(corpus)) {
  console.log(`conformance: skipped, ${corpus} is absent`);
  process.exit(0);
}
if (!existsSync(compiled)) {
  console.error('conformance: dist/ is missing; run `npx tsc -p tsconfig.build.json` first');
  process.exit(1);
}
const { parseFeed } = await import(pathToFileURL(compiled).href);

const STRING = String.raw`[uU]?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")`;
const CLAUSE = new RegExp(
  String.raw`(feed|entries\[0\])\['(title|link|published_parsed|updated_parsed)'\]\s*==\s*` +
    String.raw`(${STRING}(?:\s*\+\s*${STRING})*|\((?:\s*-?\d+\s*,?)+\))`,
  'g',
);

/** Decodes a Python string literal (or several joined with +). */
function pyString(source) {
  let out = '';
  for (const [, quoted] of source.matchAll(/[uU]?('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g)) {
    out += quoted.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/gs, (_, e) => {
      if (/^[xuU]/.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
      return { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' }[e] ?? `\\${e}`;
    });
  }
  return out;
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : name.endsWith('.xml') ? [full] : [];
  });
}

/** The comment header; UTF-16 files need decoding to be read. */
function header(bytes) {
  for (const enc of ['latin1', 'utf16le']) {
    const text = enc === 'utf16le' && bytes[0] === 0xfe ? Buffer.from(bytes).swap16().toString('utf16le') : bytes.toString(enc);
    if (text.includes('Expect:')) return text;
  }
  return '';
}

const FIELD = {
  'feed.title': (f) => f.title,
  'feed.link': (f) => f.siteUrl,
  'entries[0].title': (f) => f.items[0]?.title ?? null,
  'entries[0].link': (f) => f.items[0]?.link ?? null,
  'entries[0].date': (f) => f.items[0]?.publishedAt ?? null,
};

const fieldOf = (scope, name) => `${scope}.${name.endsWith('_parsed') ? 'date' : name}`;

const results = []; // { field, file, ok, why }
let filesSeen = 0;
let filesWithChecks = 0;
const outcomes = new Map(); // parse result of every file, checked or not
for (const folder of FOLDERS) {
  for (const file of files(path.join(corpus, folder))) {
    filesSeen++;
    const bytes = readFileSync(file);
    const head = header(bytes);
    const expect = /^Expect:\s*(.*)$/m.exec(head)?.[1] ?? '';
    const clauses = [...expect.matchAll(CLAUSE)].filter(([, scope, name]) => FIELD[fieldOf(scope, name)]);
    const headers = Object.fromEntries(
      [...head.matchAll(/^Header:\s*([\w-]+):\s*(.*)$/gm)].map(([, k, v]) => [k.toLowerCase(), v.trim()]),
    );
    const rel = path.relative(corpus, file);
    const served = SERVED_AT + rel.split(path.sep).join('/');
    const url = headers['content-location'] ? new URL(headers['content-location'], served).href : served;
    let feed = null;
    let error = null;
    try {
      feed = await parseFeed(bytes, { contentType: headers['content-type'] ?? null, url });
    } catch (e) {
      error = e;
    }
    const outcome = error ? `${error.code ?? 'CRASH'}: ${error.message.slice(0, 60)}` : 'parsed';
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    if (clauses.length === 0) continue;
    filesWithChecks++;
    // Clauses on one field are alternatives ("a == x or a == y"); the field is met if one holds.
    const byField = new Map();
    for (const [, scope, name, literal] of clauses) {
      const field = fieldOf(scope, name);
      byField.set(field, [...(byField.get(field) ?? []), literal]);
    }
    for (const [field, literals] of byField) {
      const checks = literals.map((literal) => check(field, literal, feed, error));
      const best = checks.find((c) => c.ok) ?? checks[0];
      results.push({ field, file: rel, ...best, got: error ? null : FIELD[field](feed), expect: literals.join(' | ') });
    }
  }
}

function check(field, literal, feed, error) {
  if (error) return { ok: false, why: `parse error ${error.code ?? ''}: ${error.message}`.slice(0, 120) };
  const got = FIELD[field](feed);
  if (field.endsWith('date')) {
    const [y, mo, d, h, mi, s] = literal.match(/-?\d+/g).map(Number);
    return { ok: got?.getTime() === Date.UTC(y, mo - 1, d, h, mi, s), why: got ? 'different date' : 'no date' };
  }
  const want = pyString(literal);
  return { ok: got !== null && got.trim() === want.trim(), why: got === null ? 'missing' : 'different value' };
}

// feedparser sanitizes titles; in mlbrief that is the normalize stage's job, not the parser's.
const SANITIZE = `wellformed${path.sep}sanitize`;
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '-');
function table(label, rows) {
  console.log(`\n${label}`);
  for (const field of [...Object.keys(FIELD), 'overall']) {
    const mine = field === 'overall' ? rows : rows.filter((r) => r.field === field);
    const met = mine.filter((r) => r.ok).length;
    console.log(`  ${field.padEnd(18)} ${String(met).padStart(4)} / ${String(mine.length).padEnd(4)} ${pct(met, mine.length).padStart(5)} %`);
  }
}

console.log(`files: ${filesSeen} read, ${filesWithChecks} with a translatable expectation (${results.length} checks)`);
console.log('parse outcome over all files:');
for (const [outcome, n] of [...outcomes].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${outcome}`);
table('all translated expectations', results);
table('parse-stage expectations (without wellformed/sanitize, which needs normalize)', results.filter((r) => !r.file.startsWith(SANITIZE)));

const failures = results.filter((r) => !r.ok);
if (failures.length) {
  console.log('\nfailures by folder, field and reason:');
  const classes = new Map();
  for (const r of failures) {
    const key = `${path.dirname(r.file)} · ${r.field} · ${r.why.replace(/:.*$/, '')}`;
    classes.set(key, [...(classes.get(key) ?? []), r]);
  }
  for (const [key, rows] of [...classes].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${String(rows.length).padStart(3)}  ${key}`);
    for (const r of rows.slice(0, process.env.VERBOSE ? rows.length : 2)) {
      const got = JSON.stringify(r.got)?.slice(0, 70);
      const detail = r.why.startsWith('parse') ? ` (${r.why})` : '';
      console.log(`         ${path.basename(r.file)}: got ${got} want ${r.expect.slice(0, 70)}${detail}`);
    }
  }
}
