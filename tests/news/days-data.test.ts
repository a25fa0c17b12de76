import { readdirSync, readFileSync } from 'node:fs';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';

// The archived real days in tests/data/days: each manifest names files that exist and parse, and
// every dated item falls inside its news day (UTC).
const root = new URL('../data/days/', import.meta.url);
const days = readdirSync(root).filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name));

interface Manifest {
  newsDay: string;
  editionDate: string;
  sources: { file: string; url: string; kind: 'feed' | 'aggregator'; publisher: string; weight: number; provenance: { repo: string } }[];
  notable: { event: string; evidence: string }[];
}

describe('archived days', () => {
  it('are at least four, one of them a weekend', () => {
    expect(days.length).toBeGreaterThanOrEqual(4);
    expect(days.some((day) => [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay()))).toBe(true);
  });

  it.each(days)('%s: manifest, files and dates agree', async (day) => {
    const manifest = JSON.parse(readFileSync(new URL(`${day}/manifest.json`, root), 'utf8')) as Manifest;
    expect(manifest.newsDay).toBe(day);
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    expect(manifest.editionDate).toBe(next.toISOString().slice(0, 10));
    expect(manifest.notable.length).toBeGreaterThan(0);
    const files = readdirSync(new URL(`${day}/`, root)).filter((name) => name.endsWith('.xml'));
    expect(manifest.sources.map((s) => s.file).sort()).toEqual(files.sort());
    const parser = new Parser();
    for (const source of manifest.sources) {
      expect(source.provenance.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      const feed = await parser.parseString(readFileSync(new URL(`${day}/${source.file}`, root), 'utf8'));
      expect(feed.items.length).toBeGreaterThan(0);
      for (const item of feed.items) if (item.isoDate) expect(item.isoDate.slice(0, 10)).toBe(day);
    }
  });
});
