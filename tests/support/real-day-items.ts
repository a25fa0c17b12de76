import { readdirSync, readFileSync } from 'node:fs';
import type { ClusterItem } from '../../src/news/cluster/index.js';
import { isSelfPost } from '../../src/news/kind.js';
import { normalizeItem } from '../../src/news/normalize/index.js';
import { parseFeed } from '../../src/news/parse/index.js';

const daysDir = new URL('../data/days/', import.meta.url);

/** The archived real days of tests/data/days. */
export const realDays = readdirSync(daysDir).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();

export interface RealDayItem extends ClusterItem {
  /** arXiv's announce type ('new', 'replace' …), null for other feeds. */
  arxivAnnounce: string | null;
}

interface Manifest {
  editionDate: string;
  sources: { file: string; url: string; siteUrl?: string; kind: 'feed' | 'aggregator'; publisher: string; weight: number }[];
}

/**
 * Every item of a real day's feeds, as ingest would store it (parse, normalize, one row per
 * identity per feed) and clustering would read it, without a database. Items without a date
 * (arXiv's RSS 1.0 feeds of 2023) count at the hour after the day, when a fetch would have seen them.
 */
export async function realDayItems(day: string): Promise<RealDayItem[]> {
  const manifest = JSON.parse(readFileSync(new URL(`${day}/manifest.json`, daysDir), 'utf8')) as Manifest;
  const fetchedAt = new Date(Date.parse(`${manifest.editionDate}T01:00:00Z`));
  const items: RealDayItem[] = [];
  for (const source of manifest.sources) {
    const feedUrl = `http://127.0.0.1/${source.file}`;
    const feed = await parseFeed(readFileSync(new URL(`${day}/${source.file}`, daysDir)), { contentType: 'application/xml', url: feedUrl });
    const seen = new Set<string>();
    for (const parsed of feed.items) {
      const item = normalizeItem(parsed, { now: fetchedAt, feedUrl });
      if (item === null || seen.has(item.identity)) continue;
      seen.add(item.identity);
      items.push({
        id: items.length + 1,
        title: item.title,
        url: item.url,
        effectiveAt: item.publishedAt ?? fetchedAt,
        publisher: source.publisher,
        aggregator: source.kind === 'aggregator',
        selfPost: source.kind === 'aggregator' && isSelfPost(item.url, source.siteUrl ?? feed.siteUrl ?? null, feedUrl),
        sourceWeight: source.weight,
        summary: item.summary,
        arxivAnnounce: item.arxivAnnounce,
      });
    }
  }
  return items;
}
