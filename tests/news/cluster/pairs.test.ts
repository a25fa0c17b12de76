import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusterStories, DEFAULT_THRESHOLD, type ClusterItem } from '../../../src/news/cluster/index.js';
import { canonicalUrl } from '../../../src/news/normalize/url.js';
import { titleHash } from '../../../src/news/relevance/split.js';

interface Side {
  title: string;
  /** The item's summary in its archive, as ingest would store it ('' where the feed gave none). */
  summary: string;
  url: string;
  source: string;
  publishedAt: string;
}
interface Pair {
  a: Side;
  b: Side;
  same: boolean;
  why: string;
}

/** 691 real pairs of feed items (headline and summary) from ML and tech news, labelled by hand (tests/data, with provenance). */
const pairs: Pair[] = readFileSync(new URL('../../data/headline-pairs.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Pair);

const item = (side: Side, id: number): ClusterItem => ({
  id,
  title: side.title,
  url: canonicalUrl(side.url),
  effectiveAt: new Date(side.publishedAt),
  publisher: `${side.source} (${id})`,
  aggregator: false,
  selfPost: false,
  sourceWeight: 1,
  summary: side.summary,
});

/** The quarter of the pairs held out (a hash of both titles): no rule, weight or model (story.ts, scripts/train-pairs.mjs) was chosen on it. */
const heldOut = (pair: Pair) => titleHash(`${pair.a.title}\n${pair.b.title}`) % 100 < 25;

/** "Same event" as clustering decides it: the two items, as two publishers' stories, end up in one cluster. */
function measure(threshold: number, only: (pair: Pair) => boolean = () => true) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: string[] = [];
  for (const pair of pairs.filter(only)) {
    const merged = clusterStories([item(pair.a, 1), item(pair.b, 2)], { threshold }).length === 1;
    if (merged && pair.same) tp += 1;
    else if (merged) fp += 1;
    else if (pair.same) fn += 1;
    if (merged !== pair.same) wrong.push(`${merged ? 'wrongly merged' : 'missed'}${heldOut(pair) ? ' (held out)' : ''}: ${pair.a.title} | ${pair.b.title} (${pair.why})`);
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), tp, fp, fn, wrong };
}

describe('"same event" on real headline pairs', () => {
  it('has at least 300 labelled pairs, both kinds, most with both summaries', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    expect(pairs.filter((p) => p.a.summary !== '' && p.b.summary !== '').length).toBeGreaterThan(500);
    expect(pairs.filter((p) => p.same).length).toBeGreaterThan(100);
    expect(pairs.filter((p) => !p.same).length).toBeGreaterThan(100);
  });

  it(`measures precision and recall at the default threshold ${DEFAULT_THRESHOLD} (README: The daily edition)`, () => {
    const rows = [0.25, 0.3, DEFAULT_THRESHOLD, 0.4, 0.45].map((t) => ({ threshold: t, ...measure(t) }));
    for (const r of rows) console.log(`threshold ${r.threshold}: precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)} (${r.tp} right, ${r.fp} wrongly merged, ${r.fn} missed)`);
    const held = measure(DEFAULT_THRESHOLD, heldOut);
    const training = measure(DEFAULT_THRESHOLD, (pair) => !heldOut(pair));
    console.log(`training three quarters: precision ${training.precision.toFixed(3)}, recall ${training.recall.toFixed(3)} (${training.tp} right, ${training.fp} wrongly merged, ${training.fn} missed)`);
    console.log(`held-out quarter (${pairs.filter(heldOut).length} pairs): precision ${held.precision.toFixed(3)}, recall ${held.recall.toFixed(3)} (${held.tp} right, ${held.fp} wrongly merged, ${held.fn} missed)`);
    const chosen = rows.find((r) => r.threshold === DEFAULT_THRESHOLD)!;
    // PAIRS=1 lists every pair decided wrongly at the default threshold, to read why.
    if (process.env.PAIRS) console.log(chosen.wrong.sort().join('\n'));
    // What headlines and summaries give today (README: The daily edition); one more wrong merge or
    // one fewer right one fails. Issue 15's targets (0.97 / 0.8) are not reached: see the README.
    expect(chosen.precision).toBeGreaterThanOrEqual(0.975);
    expect(chosen.recall).toBeGreaterThanOrEqual(0.696);
    expect(held.precision).toBeGreaterThanOrEqual(0.984);
    expect(held.recall).toBeGreaterThanOrEqual(0.681);
  });
});
