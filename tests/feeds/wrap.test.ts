import { describe, expect, it } from 'vitest';
import { wrap } from '../../src/feeds/wrap.js';

describe('wrap', () => {
  it('fills lines greedily up to the width, with a hanging indent', () => {
    const lines = wrap('one two three four five six seven eight nine ten', 20, '1. ', '   ');
    expect(lines).toEqual(['1. one two three', '   four five six', '   seven eight nine', '   ten']);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(20);
  });

  it('keeps a URL whole on its own line even when it is longer than the width', () => {
    const url = `https://example.org/${'a'.repeat(60)}`;
    expect(wrap(`see ${url} now`, 30)).toEqual(['see', url, 'now']);
  });

  it('cuts a long word that is not a URL, and never splits an emoji', () => {
    const lines = wrap('🤖'.repeat(25), 10);
    expect(lines).toEqual(['🤖'.repeat(10), '🤖'.repeat(10), '🤖'.repeat(5)]);
  });

  it('collapses runs of whitespace, newlines included', () => {
    expect(wrap('a  b\n\tc', 72)).toEqual(['a b c']);
  });
});
