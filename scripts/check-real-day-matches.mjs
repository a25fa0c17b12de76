#!/usr/bin/env node
// Checks the `match` of every notable event in tests/data/days/*/manifest.json against every
// headline of that day's feeds (outlets, Hacker News, arXiv), and prints what each one matches, so
// that an editor can see it matches the event's stories and nothing else. Given the output of
// tests/daily/real-days.test.ts (a file, or - for stdin), it also counts per day how many notable
// events the printed five contain.
//
//   node scripts/check-real-day-matches.mjs [real-days-output.log|-]
import { readdirSync, readFileSync } from 'node:fs';

const daysDir = new URL('../tests/data/days/', import.meta.url);
const days = readdirSync(daysDir).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
const decode = (s) =>
  s.replace(/<!\[CDATA\[(.*?)\]\]>/gs, '$1').replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').trim();

/** Item titles of an RSS 2.0, RSS 1.0 (arXiv) or Atom file; channel titles left out. */
function headlines(xml) {
  return [...xml.matchAll(/<(item|entry)\b[^>]*>\s*<title[^>]*>(.*?)<\/title>/gs)].map((m) => decode(m[2]));
}

const log = process.argv[2] ? readFileSync(process.argv[2] === '-' ? 0 : process.argv[2], 'utf8') : undefined;
let problems = 0;
for (const day of days) {
  const manifest = JSON.parse(readFileSync(new URL(`${day}/manifest.json`, daysDir), 'utf8'));
  const all = manifest.sources.flatMap((s) => headlines(readFileSync(new URL(`${day}/${s.file}`, daysDir), 'utf8')).map((h) => ({ file: s.file, h })));
  console.log(`== ${day} (${all.length} headlines)`);
  for (const n of manifest.notable) {
    if (!n.match) { console.log(`  ! no match: ${n.event}`); problems++; continue; }
    const rx = new RegExp(n.match, 'i');
    const hits = all.filter((x) => rx.test(x.h));
    console.log(`  * ${n.event}\n    /${n.match}/i`);
    for (const x of hits) console.log(`      ${x.file}: ${x.h}`);
    if (hits.length === 0) { console.log('      ! matches no headline'); problems++; }
  }
  if (log) {
    // The test prints "YYYY-MM-DD: the five" then "  N. [coverage] title (publisher)" lines.
    const block = log.split(`${day}: the five`)[1]?.split('notable:')[0] ?? '';
    const five = [...block.matchAll(/^\s+\d+\. \[\d+\] (.*) \(([^()]*)\)$/gm)].map((m) => m[1]);
    const found = manifest.notable.filter((n) => n.match && five.some((t) => new RegExp(n.match, 'i').test(t)));
    console.log(`  the five contain ${found.length} of ${manifest.notable.length} notable events${five.length ? '' : ' (no five found in the log)'}`);
    for (const t of five) {
      const events = manifest.notable.filter((n) => n.match && new RegExp(n.match, 'i').test(t)).map((n) => manifest.notable.indexOf(n) + 1);
      console.log(`      ${events.length ? `#${events.join(',#')}` : '  -'}  ${t}`);
    }
  }
}
process.exit(problems ? 1 : 0);
