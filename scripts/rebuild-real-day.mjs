#!/usr/bin/env node
// Rebuilds the feeds of one real day of tests/data/days from the archives they came from, so that
// the files can be checked against their provenance (and new days made the same way).
//
//   node scripts/rebuild-real-day.mjs --day YYYY-MM-DD --out DIR \
//     --links GITDIR --links-commit SHA   (rumca-js/RSS-Link-Database-2023: outlets and hnrss)
//     [--arxiv GITDIR --arxiv-commit SHA] (qhduan/cn-chat-arxiv: arXiv category digests)
//
// GITDIR is a clone of the archive (history needed: files are read with `git show COMMIT:PATH`).
// Outlets and Hacker News: every archived entry of the day, newest first, as the archive keeps them
// (title, link, description, publication date). arXiv: every item of the digest at that commit,
// sorted by identifier, with the English title and abstract as the archive kept them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    day: { type: 'string' }, out: { type: 'string' },
    links: { type: 'string' }, 'links-commit': { type: 'string' },
    arxiv: { type: 'string' }, 'arxiv-commit': { type: 'string' },
    categories: { type: 'string', default: 'cs.LG,cs.AI,cs.CL,stat.ML' },
  },
});
if (!args.day || !args.out || !args.links || !args['links-commit']) {
  console.error('usage: --day YYYY-MM-DD --out DIR --links GITDIR --links-commit SHA [--arxiv GITDIR --arxiv-commit SHA]');
  process.exit(2);
}
const show = (gitDir, commit, path) => execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 28 });
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const escText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cdata = (s) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const rfc822 = (iso) => new Date(iso).toUTCString().replace('GMT', '+0000');
const isoZ = (iso) => new Date(iso).toISOString().replace('.000Z', 'Z');

const outlets = [
  { file: 'theverge.xml', archived: 'https.www.theverge.comrssindex.xml', title: 'The Verge', site: 'https://www.theverge.com/', self: 'https://www.theverge.com/rss/index.xml', atom: true },
  { file: 'arstechnica.xml', archived: 'http.feeds.arstechnica.comarstechnicaindex', title: 'Ars Technica', site: 'https://arstechnica.com/', self: 'http://feeds.arstechnica.com/arstechnica/index/' },
  { file: 'engadget.xml', archived: 'https.www.engadget.comrss.xml', title: 'Engadget', site: 'https://www.engadget.com/', self: 'https://www.engadget.com/rss.xml' },
  { file: 'zdnet.xml', archived: 'http.www.zdnet.comnewsrss.xml', title: 'ZDNET', site: 'https://www.zdnet.com/', self: 'http://www.zdnet.com/news/rss.xml' },
  { file: 'techradar.xml', archived: 'https.www.techradar.comrss', title: 'TechRadar', site: 'https://www.techradar.com/', self: 'https://www.techradar.com/rss' },
];

function atomFeed(o, entries) {
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n<title type="text">${o.title}</title><link rel="alternate" type="text/html" href="${o.site}"/><link rel="self" type="application/atom+xml" href="${o.self}"/><id>${o.self}</id><updated>${isoZ(entries[0].date_published)}</updated>\n`;
  const body = entries.map((e) => `<entry><title type="html">${escText(e.title)}</title><link rel="alternate" type="text/html" href="${esc(e.link)}"/><id>${escText(e.link)}</id><published>${isoZ(e.date_published)}</published><updated>${isoZ(e.date_published)}</updated><content type="html">${escText(e.description ?? '')}</content></entry>\n`);
  return head + body.join('') + '</feed>\n';
}

function rssFeed(o, entries) {
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>\n<title>${o.title}</title><link>${o.site}</link><description>${o.title}</description>\n<atom:link href="${o.self}" rel="self" type="application/rss+xml"/>\n`;
  const body = entries.map((e) => `<item><title>${cdata(e.title)}</title><link>${escText(e.link)}</link><guid isPermaLink="false">${escText(e.link)}</guid><pubDate>${rfc822(e.date_published)}</pubDate><description>${cdata(e.description ?? '')}</description></item>\n`);
  return head + body.join('') + '</channel></rss>\n';
}

function hackerNewsFeed(entries) {
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Hacker News: Front Page</title><link>https://news.ycombinator.com/</link><description>Hacker News RSS</description><docs>https://hnrss.org/</docs>\n<lastBuildDate>${rfc822(entries[0].date_published)}</lastBuildDate>\n<atom:link href="https://hnrss.org/frontpage" rel="self" type="application/rss+xml"></atom:link>\n`;
  const body = entries.map((e) => {
    // hnrss puts the discussion in <comments> and uses it as the guid; the archive kept it only in the description.
    const comments = /Comments URL: <a href="([^"]+)"/.exec(e.description ?? '')?.[1];
    const tail = comments ? `<comments>${escText(comments)}</comments><guid isPermaLink="false">${escText(comments)}</guid>` : '';
    return `<item><title>${cdata(e.title)}</title><description>${cdata(e.description ?? '')}</description><pubDate>${rfc822(e.date_published)}</pubDate><link>${escText(e.link)}</link>${tail}</item>\n`;
  });
  return head + body.join('') + '</channel></rss>\n';
}

const categoryNames = {
  'cs.LG': 'Computer Science -- Learning', 'cs.AI': 'Computer Science -- Artificial Intelligence',
  'cs.CL': 'Computer Science -- Computation and Language', 'stat.ML': 'Statistics -- Machine Learning',
};

/** The archived digest is an RSS 2.0 feed of Chinese summaries; each description keeps the original English title and abstract. */
function arxivItems(digest) {
  const unescape = (s) => s.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...digest.matchAll(/<item>(.*?)<\/item>/gs)].map(([, item]) => {
    const link = unescape(/<link>(.*?)<\/link>/s.exec(item)[1]).trim();
    const paragraphs = [...unescape(/<description>(.*?)<\/description>/s.exec(item)[1]).matchAll(/<p>(.*?)<\/p>/gs)].map((m) => m[1].trim());
    return { link, title: paragraphs[1], abstract: paragraphs.at(-1) };
  });
}

/** arXiv's own order: new papers of this category, then new cross-lists, then replacements (UPDATED, CROSS LISTED). */
function arxivGroup(item, category) {
  const [, primary, suffix] = /\(arXiv:\S+ \[([^\]]+)\]( [A-Z ]+)?\)$/.exec(item.title) ?? [];
  return suffix ? 2 : primary === category ? 0 : 1;
}

function arxivFeed(category, items, day) {
  const previous = new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  // arXiv dated its RSS 20:30 New York time on the evening before the listing's day.
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'shortOffset' }).formatToParts(new Date(`${previous}T23:30:00Z`)).find((p) => p.type === 'timeZoneName').value;
  const zone = `-${String(Number(offset.replace('GMT-', ''))).padStart(2, '0')}:00`;
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:taxo="http://purl.org/rss/1.0/modules/taxonomy/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:syn="http://purl.org/rss/1.0/modules/syndication/" xmlns:admin="http://webns.net/mvcb/">\n<channel rdf:about="http://arxiv.org/">\n<title>${category} updates on arXiv.org</title>\n<link>http://arxiv.org/</link>\n<description rdf:parseType="Literal">${categoryNames[category]} (${category}) updates on the arXiv.org e-print archive</description>\n<dc:language>en-us</dc:language>\n<dc:date>${previous}T20:30:00${zone}</dc:date>\n<dc:publisher>help@arxiv.org</dc:publisher>\n<dc:subject>${categoryNames[category]}</dc:subject>\n<syn:updateBase>1901-01-01T00:00+00:00</syn:updateBase>\n<syn:updateFrequency>1</syn:updateFrequency>\n<syn:updatePeriod>daily</syn:updatePeriod>\n<items>\n<rdf:Seq>\n`;
  const seq = items.map((i) => `<rdf:li rdf:resource="${i.link}" />\n`).join('');
  const body = items.map((i) => `<item rdf:about="${i.link}">\n<title>${escText(i.title)}</title>\n<link>${i.link}</link>\n<description rdf:parseType="Literal">${escText(`<p>${i.abstract}</p>`)}</description>\n</item>\n`).join('');
  return `${head}${seq}</rdf:Seq>\n</items>\n</channel>\n${body}</rdf:RDF>\n`;
}

mkdirSync(args.out, { recursive: true });
const [year, month] = args.day.split('-');
const dayDir = `${year}/${month}/${args.day}`;
const written = [];
const entriesOf = (archived) => {
  try {
    return JSON.parse(show(args.links, args['links-commit'], `${dayDir}/${archived}_entries.json`)).filter((e) => e.date_published.startsWith(args.day));
  } catch {
    return undefined; // not archived that day
  }
};
for (const o of outlets) {
  const entries = entriesOf(o.archived);
  if (!entries?.length) { console.log(`${o.file}: no archive for ${args.day}`); continue; }
  writeFileSync(join(args.out, o.file), o.atom ? atomFeed(o, entries) : rssFeed(o, entries));
  written.push(`${o.file} ${entries.length}`);
}
const hn = entriesOf('https.hnrss.orgfrontpage');
if (hn?.length) { writeFileSync(join(args.out, 'hackernews-frontpage.xml'), hackerNewsFeed(hn)); written.push(`hackernews-frontpage.xml ${hn.length}`); }
if (args.arxiv) {
  for (const category of args.categories.split(',')) {
    const items = arxivItems(show(args.arxiv, args['arxiv-commit'], `${category}.xml`)).sort(
      (a, b) => arxivGroup(a, category) - arxivGroup(b, category) || a.link.localeCompare(b.link),
    );
    writeFileSync(join(args.out, `arxiv-${category}.xml`), arxivFeed(category, items, args.day));
    written.push(`arxiv-${category}.xml ${items.length}`);
  }
}
console.log(written.join('\n'));
