import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryProblems, sourceCardSlugs } from '../../src/content/seeds/library-problems.js';
import { readSeedLibrary } from '../../src/content/seeds/read-seeds.js';

const seedsDir = path.resolve(import.meta.dirname, '../../seeds');

describe('the concept library in seeds/', async () => {
  const library = await readSeedLibrary(seedsDir);

  it('has no whole-library problems', () => {
    expect(libraryProblems(library)).toEqual([]);
  });

  it('carries the seven source cards and at least 120 published concepts', () => {
    const slugs = library.concepts.map((c) => c.slug);
    expect(slugs).toEqual(expect.arrayContaining([...sourceCardSlugs]));
    expect(library.concepts.filter((c) => c.status === 'published').length).toBeGreaterThanOrEqual(120);
  });

  it('has at least 12 tags, each described', () => {
    expect(library.tags.length).toBeGreaterThanOrEqual(12);
    for (const tag of library.tags) expect(tag.description.length).toBeGreaterThan(20);
  });
});
