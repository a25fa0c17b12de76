// Conformance of the news pipeline against the Python feedparser test corpus
// (../shared/corpora/feedparser, see its README). Runs the compiled code (npm run build first).
//
// What is measured is what mlbrief STORES: every file goes through parseFeed, and the entries
// through normalizeItem, exactly as ingest does. feedparser's Expect expressions are translated
// into that stored form:
//   - titles: we store plain text, so the expected value is reduced to plain text with the same
//     plainText/bound the normalizer uses (tags stripped, entities decoded, whitespace collapsed)
//     and compared with the stored title. Feed titles are not stored; they are compared as
//     plainText(parsed feed title), which is how we would show them.
//   - links: we store canonical URLs, so canonicalUrl is applied to both sides (entry: the stored
//     url, which already is canonical; feed: the parsed siteUrl). When either side is not an
//     http(s) URL, the two strings are compared as they are.
//   - ids: the stored guid, compared as a string (ids are opaque; no resolution, no case folding).
//   - dates: the stored publishedAt, to the second, against any of published_parsed,
//     updated_parsed and created_parsed (we store one date per story).
// Expectations on anything we do not store (feed dates, authors, tags, enclosures, languages…)
// are counted as skipped, with the reason.
//
// The old parse-stage figure (raw parser output, exact strings, without the sanitizer folder) is
// printed too. wellformed/ and encoding/ make the headline; illformed/ is reported on its own.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '../shared/corpora/feedparser');
const dist = path.join(root, 'dist/news');
const HEADLINE = ['wellformed', 'encoding'];
const SEPARATE = ['illformed'];
// feedparser's own test server serves the corpus here; "docuri" expectations depend on it.
const SERVED_AT = 'http://127.0.0.1:8097/tests/';
const NOW = new Date();

if (!existsSync(corpus)) {
  console.log(`conformance: skipped, ${corpus} is absent`);
  process.exit(0);
}
if (!existsSync(path.join(dist, 'parse/index.js'))) {
  console.error('conformance: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
const load = (rel) => import(pathToFileURL(path.join(dist, rel)).href);
const { parseFeed } = await load('parse/index.js');
const { normalizeItem, canonicalUrl } = await load('normalize/index.js');
const { plainText, bound } = await load('normalize/text.js');
const MAX_TITLE = 300; // as in src/news/normalize/index.ts

// ---- reading Expect expressions ----------------------------------------------------------------

const STRING = String.raw`[uU]?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")`;
const LITERAL = String.raw`${STRING}(?:\s*\+\s*${STRING})*|\((?:\s*-?\d+\s*,?)+\)`;
const PATH = String.raw`(?:feed|entries\[\d+\])(?:\[['"][\w:]+['"]\]|\[\d+\]|\.[A-Za-z_]\w*)+`;
/** `path == literal`, also chained: `entries[0]['id'] == entries[1]['id'] == 'x'`. */
const CLAUSE = new RegExp(String.raw`((?:${PATH}\s*==\s*)+)(${LITERAL})`, 'g');
const PATHS = new RegExp(PATH, 'g');
/** Any mention of a path, to count what was not translated. */
const MENTION = new RegExp(PATH, 'g');

/** `entries[0]['title_detail']['value']` → `entries[0].title_detail.value`. */
const normPath = (p) => p.replace(/\[['"]([\w:]+)['"]\]|\.([A-Za-z_]\w*)/g, (_, a, b) => `.${a ?? b}`);

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

/**
 * Which stored field a feedparser path corresponds to: { field, index } or { skip: reason }.
 * `links[0].href` is the page link only when that first <link> is an alternate one.
 */
function translate(p, xml) {
  const m = /^(feed|entries\[(\d+)\])\.(.+)$/.exec(p);
  if (!m) return { skip: 'unknown path' };
  const [, scopeRaw, idx, rest] = m;
  const scope = scopeRaw === 'feed' ? 'feed' : 'entry';
  const index = Number(idx ?? 0);
  if (rest === 'title' || rest === 'title_detail.value') return { field: `${scope}.title`, index };
  if (rest === 'link') return { field: `${scope}.link`, index };
  if (rest === 'links[0].href') {
    const rel = firstLinkRel(xml, scope);
    return rel && rel !== 'alternate' ? { skip: `links[0] is rel="${rel}", not the page link` } : { field: `${scope}.link`, index };
  }
  if (scope === 'entry' && (rest === 'id' || rest === 'guid')) return { field: 'entry.id', index };
  if (scope === 'entry' && /^(published|updated|created)_parsed$/.test(rest)) return { field: 'entry.date', index };
  if (/_parsed$/.test(rest)) return { skip: `${scope} ${rest} (not stored)` };
  const head = rest.split('.')[0].replace(/_detail$/, '').replace(/\[\d+\]$/, '');
  if (OTHER_TEXT.has(head)) return { skip: `${scope} ${head} (other text: summary/content/sanitizer, not title, link or date)` };
  return { skip: `${scope} ${rest.replace(/\[\d+\]/g, '').split('.').slice(0, 2).join('.')} (not stored)` };
}

const OTHER_TEXT = new Set(['description', 'summary', 'content', 'tagline', 'subtitle', 'info', 'copyright', 'rights']);

function firstLinkRel(xml, scope) {
  const entry = xml.search(/<(?:\w+:)?(?:entry|item)[\s>]/);
  const region = scope === 'entry' ? (entry === -1 ? '' : xml.slice(entry)) : entry === -1 ? xml : xml.slice(0, entry);
  const link = /<(?:\w+:)?link\b([^>]*)>/.exec(region);
  return link ? (/\srel\s*=\s*["']([^"']*)["']/.exec(link[1])?.[1] ?? null) : null;
}

// ---- the stored form ----------------------------------------------------------------------------

const plainTitle = (value) => bound(plainText(value), MAX_TITLE);
const canon = (url) => (url == null ? null : (canonicalUrl(url) ?? url));

/**
 * What normalize stores for an item. An item with neither a title nor a link is not stored at
 * all (by design); many corpus files test a date or an id on such an entry, so for those checks
 * the item is normalized again with a placeholder title, and the check is counted as such.
 */
function storedEntry(item, feedUrl) {
  const entry = normalizeItem(item, { now: NOW, feedUrl });
  if (entry) return entry;
  const placeholder = normalizeItem({ ...item, title: 'untitled' }, { now: NOW, feedUrl });
  return placeholder && { ...placeholder, title: null, placeholder: true, titleText: plainText(item.title) };
}

function stored(run, field, index) {
  const { feed, entries } = run;
  if (field === 'feed.title') return feed.title === null ? null : plainTitle(feed.title);
  if (field === 'feed.link') return feed.siteUrl;
  const entry = entries[index];
  if (entry === undefined) return { absent: feed.items[index] ? 'item not stored by normalize' : 'no such entry' };
  // An item without title text is not stored; that meets an expected title that is empty as plain text.
  if (field === 'entry.title') return entry.placeholder ? entry.titleText : entry.title;
  if (field === 'entry.link') return entry.url;
  if (field === 'entry.id') return entry.guid;
  if (field === 'entry.date') return entry.publishedAt;
  throw new Error(field);
}

function check(field, literal, run) {
  if (run.error) return { ok: false, why: `parse error ${run.error.code ?? 'CRASH'}: ${run.error.message}`.slice(0, 120), got: null };
  const got = stored(run, field.field, field.index);
  if (got && typeof got === 'object' && 'absent' in got) return { ok: false, why: got.absent, got: null };
  const placeholder = field.field.startsWith('entry.') && run.entries[field.index]?.placeholder === true;
  const result = checkValue(field, literal, got);
  return { ...result, placeholder };
}

function checkValue(field, literal, got) {
  if (field.field === 'entry.date') {
    if (!literal.startsWith('(')) return { ok: false, why: 'unreadable date literal', got };
    const [y, mo, d, h, mi, s] = literal.match(/-?\d+/g).map(Number);
    return { ok: got?.getTime() === Date.UTC(y, mo - 1, d, h, mi, s), why: got ? 'different date' : 'no date', got };
  }
  const want = pyString(literal);
  if (field.field.endsWith('.title')) {
    const plain = plainTitle(want);
    return { ok: got !== null && got === plain, why: got === null ? 'missing' : 'different value', got, want: plain };
  }
  if (field.field.endsWith('.link')) {
    const ok = got !== null && canon(got) === canon(want);
    return { ok, why: got === null ? 'missing' : 'different value', got, want: canon(want) };
  }
  return { ok: got !== null && got === want, why: got === null ? 'missing' : 'different value', got, want };
}

// ---- the old raw parse-stage check -----------------------------------------------------------------

const RAW_FIELD = {
  'feed.title': (f) => f.title,
  'feed.link': (f) => f.siteUrl,
  'entries[0].title': (f) => f.items[0]?.title ?? null,
  'entries[0].link': (f) => f.items[0]?.link ?? null,
  'entries[0].date': (f) => f.items[0]?.publishedAt ?? null,
};
const RAW_CLAUSE = new RegExp(
  String.raw`(feed|entries\[0\])\['(title|link|published_parsed|updated_parsed)'\]\s*==\s*(${LITERAL})`,
  'g',
);

function rawChecks(expect, run) {
  const byField = new Map();
  for (const [, scope, name, literal] of expect.matchAll(RAW_CLAUSE)) {
    const field = `${scope}.${name.endsWith('_parsed') ? 'date' : name}`;
    if (!RAW_FIELD[field]) continue;
    byField.set(field, [...(byField.get(field) ?? []), literal]);
  }
  return [...byField].map(([field, literals]) => ({
    field,
    ok: literals.some((literal) => {
      if (run.error) return false;
      const got = RAW_FIELD[field](run.feed);
      if (field.endsWith('date')) {
        const [y, mo, d, h, mi, s] = literal.match(/-?\d+/g).map(Number);
        return got?.getTime() === Date.UTC(y, mo - 1, d, h, mi, s);
      }
      return got !== null && got.trim() === pyString(literal).trim();
    }),
  }));
}

// ---- the run ----------------------------------------------------------------------------------

function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : name.endsWith('.xml') ? [full] : [];
    });
}

/** The comment header, readable whatever the encoding (UTF-16 and UTF-32 files included). */
const header = (bytes) => bytes.subarray(0, 8192).toString('latin1').replace(/\0/g, '');

async function runFolder(folder) {
  const results = []; // one per (file, field, index)
  const skipped = new Map(); // reason → count of path mentions not translated
  const outcomes = new Map();
  const raw = [];
  let seen = 0;
  let withExpect = 0;
  let translatedFiles = 0;
  let translatedPaths = 0;
  for (const file of files(path.join(corpus, folder))) {
    seen++;
    const bytes = readFileSync(file);
    const head = header(bytes);
    const expect = /^Expect:\s*(.*)$/m.exec(head)?.[1]?.trim() ?? '';
    if (expect) withExpect++;
    const headers = Object.fromEntries(
      [...head.matchAll(/^Header:\s*([\w-]+):\s*(.*)$/gm)].map(([, k, v]) => [k.toLowerCase(), v.trim()]),
    );
    const rel = path.relative(corpus, file);
    const served = SERVED_AT + rel.split(path.sep).join('/');
    // Our fetcher only ever hands the parser an http(s) URL, so a Content-Location of another
    // scheme (javascript:, in one test) is ignored, as feedparser ignores it.
    const location = headers['content-location'] ? new URL(headers['content-location'], served) : null;
    const url = location && /^https?:$/.test(location.protocol) ? location.href : served;
    const run = { feed: null, entries: [], error: null };
    try {
      run.feed = await parseFeed(bytes, { contentType: headers['content-type'] ?? null, url });
      run.entries = run.feed.items.map((item) => storedEntry(item, url));
    } catch (e) {
      run.error = e;
    }
    const outcome = run.error ? `${run.error.code ?? 'CRASH'}: ${run.error.message.slice(0, 60)}` : 'parsed';
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    raw.push(...rawChecks(expect, run).map((r) => ({ ...r, file: rel })));

    // Clauses on one field are alternatives ("a == x or a == y"): met if one holds.
    const xml = bytes.toString('latin1').replace(/\0/g, '');
    const byField = new Map();
    const covered = new Set();
    for (const clause of expect.matchAll(CLAUSE)) {
      const [, chain, literal] = clause;
      for (const [p] of chain.matchAll(PATHS)) {
        const np = normPath(p);
        covered.add(np);
        const t = translate(np, xml);
        if (t.skip) {
          skipped.set(t.skip, (skipped.get(t.skip) ?? 0) + 1);
          continue;
        }
        translatedPaths++;
        const key = `${t.field}#${t.index}`;
        const entry = byField.get(key) ?? { field: t, literals: [], paths: new Set() };
        entry.literals.push(literal);
        entry.paths.add(np);
        byField.set(key, entry);
      }
    }
    for (const [p] of expect.matchAll(MENTION)) {
      const np = normPath(p);
      if (covered.has(np)) continue;
      covered.add(np);
      const reason = translate(np, xml).skip ?? 'not an equality on a literal';
      skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
    }
    if (byField.size) translatedFiles++;
    for (const { field, literals, paths } of byField.values()) {
      const checks = literals.map((literal) => check(field, literal, run));
      const best = checks.find((c) => c.ok) ?? checks[0];
      results.push({
        field: field.field,
        file: rel,
        paths: [...paths],
        entityInDoctype: /<!ENTITY/.test(xml),
        ...best,
        expect: literals.join(' | '),
      });
    }
  }
  return { folder, results, skipped, outcomes, raw, seen, withExpect, translatedFiles, translatedPaths };
}

// ---- failure classes --------------------------------------------------------------------------

/** Known causes, by file and field; anything else is reported by folder, field and reason. */
function classify(r) {
  const name = path.basename(r.file);
  if (r.why.startsWith('parse error') && r.file.includes(`${path.sep}cdf${path.sep}`)) return 'CDF documents (unsupported format)';
  if (r.why.startsWith('parse error')) return `parse error: ${r.why.replace(/^parse error /, '').slice(0, 70)}`;
  if (r.field === 'entry.id' && /^\//.test(r.got ?? '')) return 'relative Atom id stored as given (feedparser resolves it against the base; ids are opaque to us)';
  if (r.entityInDoctype) return 'entity declared in the internal DTD not expanded (by design: entities are never expanded)';
  if (r.file.includes(`${path.sep}sanitize${path.sep}`) && r.field.endsWith('.title')) {
    return 'pathological HTML in a title: normalize plainText and feedparser\'s sanitizer disagree on the text';
  }
  return `${path.dirname(r.file)} · ${r.field} · ${r.why} (${name})`;
}

// ---- report -----------------------------------------------------------------------------------

const FIELDS = ['feed.title', 'feed.link', 'entry.title', 'entry.link', 'entry.date', 'entry.id'];
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '-');
const line = (label, met, total) =>
  `  ${label.padEnd(28)} ${String(met).padStart(4)} / ${String(total).padEnd(4)} ${pct(met, total).padStart(5)} %`;

function table(label, rows) {
  console.log(`\n${label}`);
  for (const field of FIELDS) {
    const mine = rows.filter((r) => r.field === field);
    console.log(line(field, mine.filter((r) => r.ok).length, mine.length));
  }
  const tld = rows.filter((r) => r.field !== 'entry.id');
  console.log(line('title + link + date', tld.filter((r) => r.ok).length, tld.length));
  console.log(line('overall (with ids)', rows.filter((r) => r.ok).length, rows.length));
  const ph = rows.filter((r) => r.placeholder);
  console.log(`  (${ph.length} of these checks are on entries normalize does not store, having neither title nor link;`);
  console.log(`   they were normalized with a placeholder title to read the date/link/id we would store: ${ph.filter((r) => r.ok).length} met)`);
}

function failures(rows) {
  const bad = rows.filter((r) => !r.ok);
  if (!bad.length) return;
  console.log('\n  remaining failures by class:');
  const classes = new Map();
  for (const r of bad) {
    const key = classify(r);
    classes.set(key, [...(classes.get(key) ?? []), r]);
  }
  for (const [key, list] of [...classes].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${String(list.length).padStart(4)}  ${key}`);
    for (const r of list.slice(0, process.env.VERBOSE ? list.length : 2)) {
      const got = JSON.stringify(r.got)?.slice(0, 70);
      const want = JSON.stringify(r.want ?? r.expect)?.slice(0, 70);
      console.log(`          ${r.file}: got ${got} want ${want}`);
    }
  }
}

function report(label, runs) {
  const results = runs.flatMap((r) => r.results);
  const skipped = new Map();
  for (const r of runs) for (const [k, n] of r.skipped) skipped.set(k, (skipped.get(k) ?? 0) + n);
  const outcomes = new Map();
  for (const r of runs) for (const [k, n] of r.outcomes) outcomes.set(k, (outcomes.get(k) ?? 0) + n);
  const sum = (key) => runs.reduce((n, r) => n + r[key], 0);
  const skippedTotal = [...skipped.values()].reduce((a, b) => a + b, 0);

  console.log(`\n==== ${label} ====`);
  console.log(`files: ${sum('seen')} read, ${sum('withExpect')} with an Expect line, ${sum('translatedFiles')} with at least one translated expectation`);
  console.log(`expectations (path == value clauses in Expect lines): ${sum('translatedPaths')} translated (${results.length} checks, alternatives merged), ${skippedTotal} skipped`);
  console.log('parse outcome over all files:');
  for (const [outcome, n] of [...outcomes].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${outcome}`);
  if (process.env.VERBOSE) {
    console.log('skipped, by reason:');
    for (const [k, n] of [...skipped].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${k}`);
  } else {
    const top = [...skipped].sort((a, b) => b[1] - a[1]).slice(0, 6);
    console.log(`skipped, top reasons (VERBOSE=1 for all): ${top.map(([k, n]) => `${k} ${n}`).join('; ')}`);
  }

  const raw = runs.flatMap((r) => r.raw).filter((r) => !r.file.startsWith(`wellformed${path.sep}sanitize`));
  const rawMet = raw.filter((r) => r.ok).length;
  console.log(`\nold raw parse-stage figure (parser output, exact strings, without wellformed/sanitize):`);
  console.log(line('overall', rawMet, raw.length));

  table('stored form (parse + normalize), translated expectations:', results);
  failures(results);
}

const headline = [];
for (const folder of HEADLINE) headline.push(await runFolder(folder));
report(`${HEADLINE.join(' + ')} (headline)`, headline);
const separate = [];
for (const folder of SEPARATE) if (existsSync(path.join(corpus, folder))) separate.push(await runFolder(folder));
if (separate.length) report(`${SEPARATE.join(' + ')} (reported separately)`, separate);
