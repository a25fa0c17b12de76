import { describe, expect, it } from 'vitest';
import { renderAtom } from '../../src/feeds/atom.js';
import { editionJson } from '../../src/feeds/edition-json.js';
import type { EditionView } from '../../src/feeds/edition-view.js';
import { renderEmailHtml } from '../../src/feeds/email-html.js';
import { renderEmailText } from '../../src/feeds/email-text.js';
import { renderJsonFeed } from '../../src/feeds/json-feed.js';
import { renderRss } from '../../src/feeds/rss.js';
import { hostileEdition, selfUrl, site, threeEditions } from './fixtures.js';

/** Every renderer's output for `editions`, as bytes. */
function renderAll(editions: EditionView[]): string[] {
  const latest = editions.at(-1)!;
  return [
    renderRss(editions, site, selfUrl('rss')),
    renderAtom(editions, site, selfUrl('atom'), new Date('2026-11-28T00:05:00Z')),
    renderJsonFeed(editions, site, selfUrl('json')),
    JSON.stringify(editionJson(latest)),
    renderEmailHtml(latest, site),
    renderEmailText(latest, site),
  ];
}

// A deep copy with fresh Date objects, so nothing can hang on object identity.
const copy = (editions: EditionView[]): EditionView[] =>
  editions.map((e) => ({
    ...structuredClone(e),
    publishedAt: new Date(e.publishedAt.getTime()),
  }));

describe('determinism', () => {
  it('gives the same bytes for the same input, every time', () => {
    const editions = [...threeEditions, hostileEdition()];
    expect(renderAll(copy(editions))).toEqual(renderAll(editions));
    expect(renderAll(editions)).toEqual(renderAll(editions));
  });

  it('does not depend on the order editions are passed in, and leaves the input untouched', () => {
    const before = structuredClone(threeEditions);
    const forward = renderAll(threeEditions).slice(0, 3);
    const backward = renderAll([...threeEditions].reverse()).slice(0, 3);
    expect(backward).toEqual(forward);
    expect(threeEditions).toEqual(before);
  });
});
