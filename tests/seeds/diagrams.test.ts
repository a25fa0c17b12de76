import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error -- sax ships no types; it is the strict XML parser already in the tree (via xml2js)
import sax from 'sax';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { altYaml, drawDiagrams } from '../../src/content/diagrams/index.js';
import { readDiagrams, svgProblem } from '../../src/content/seeds/read-diagrams.js';
import { defaultSeedsDir, readSeedLibrary } from '../../src/content/seeds/read-seeds.js';

const dir = path.join(defaultSeedsDir, 'diagrams');

interface XmlOutline {
  root: string;
  /** Names of the root's direct children, in order. */
  children: string[];
}

/** Parses strictly (any well-formedness error throws) and returns the root and its children. */
function parseXml(xml: string): XmlOutline {
  const parser = sax.parser(true, { xmlns: true });
  const stack: string[] = [];
  const outline: XmlOutline = { root: '', children: [] };
  parser.onerror = (error: Error) => {
    throw error;
  };
  parser.onopentag = (node: { name: string }) => {
    if (stack.length === 0) outline.root = node.name;
    if (stack.length === 1) outline.children.push(node.name);
    stack.push(node.name);
  };
  parser.onclosetag = () => stack.pop();
  parser.write(xml).close();
  return outline;
}

describe('the diagrams in seeds/diagrams', async () => {
  const library = await readSeedLibrary(defaultSeedsDir);
  const diagrams = library.diagrams ?? [];
  const cards = new Map(library.concepts.map((c) => [c.slug, c]));

  it('are at least 60, each for a published card, with alt text', () => {
    expect(diagrams.length).toBeGreaterThanOrEqual(60);
    for (const d of diagrams) {
      expect(cards.get(d.slug)?.status, d.slug).toBe('published');
      expect(d.alt.length, d.slug).toBeGreaterThan(40);
    }
  });

  it('are well-formed SVG documents that open with a title and a description and keep to the rules a served file must', () => {
    for (const d of diagrams) {
      const outline = parseXml(d.svg);
      expect(outline.root, d.slug).toBe('svg');
      expect(outline.children.slice(0, 2), d.slug).toEqual(['title', 'desc']);
      expect(svgProblem(d.svg), d.slug).toBeUndefined();
      // A width for the reader's layout and a viewBox for scaling down to a phone.
      expect(d.svg, d.slug).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+" width="\d+" height="\d+" role="img" aria-labelledby="title desc">/);
    }
  });

  it('are exactly what scripts/draw-diagrams.mjs draws from src/content/diagrams (byte for byte, no file left over)', async () => {
    const drawn = drawDiagrams();
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([...drawn.map((d) => `${d.slug}.svg`), 'alt.yaml'].sort());
    for (const d of drawn) expect(await readFile(path.join(dir, `${d.slug}.svg`), 'utf8'), d.slug).toBe(d.svg);
    expect(await readFile(path.join(dir, 'alt.yaml'), 'utf8')).toBe(altYaml(drawn));
  });

  it('draw the same bytes every time', () => {
    expect(drawDiagrams()).toEqual(drawDiagrams());
  });
});

describe('svgProblem', () => {
  const ok = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>t</title><desc>d</desc><path d="M0,0" clip-path="url(#plot)"/></svg>';
  it('accepts a plain drawing with internal references', () => {
    expect(svgProblem(ok)).toBeUndefined();
  });
  it.each([
    ['script', ok.replace('<path', '<script>alert(1)</script><path')],
    ['an event handler', ok.replace('<path', '<path onload="alert(1)"')],
    ['a link', ok.replace('<path', '<a href="https://example.org"><path').replace('</svg>', '</a></svg>')],
    ['an external reference', ok.replace('url(#plot)', 'url(https://example.org/x.svg#a)')],
    ['embedded HTML', ok.replace('<path', '<foreignObject/><path')],
    ['no title', ok.replace('<title>t</title>', '')],
    ['no namespace', ok.replace(' xmlns="http://www.w3.org/2000/svg"', '')],
  ])('refuses %s', (_, svg) => {
    expect(svgProblem(svg)).toBeDefined();
  });
});

describe('reading seeds/diagrams', () => {
  let seeds: string;
  /** A card that has no diagram. */
  let undrawn: string;
  beforeAll(async () => {
    const library = await readSeedLibrary(defaultSeedsDir);
    const drawn = new Set(library.diagrams!.map((d) => d.slug));
    undrawn = library.concepts.find((c) => !drawn.has(c.slug))!.slug;
    seeds = path.join(await mkdtemp(path.join(os.tmpdir(), 'mlbrief-diagrams-')), 'seeds');
    await cp(defaultSeedsDir, seeds, { recursive: true });
  });
  afterAll(() => rm(path.dirname(seeds), { recursive: true, force: true }));

  it('fails, naming the file, for a diagram without alt text', async () => {
    await writeFile(path.join(seeds, `diagrams/${undrawn}.svg`), await readFile(path.join(dir, 'k-means.svg'), 'utf8'));
    await expect(readDiagrams(seeds)).rejects.toThrow(new RegExp(`^seeds/diagrams/${undrawn}\\.svg: no alt text for ${undrawn} in alt\\.yaml$`));
    await rm(path.join(seeds, `diagrams/${undrawn}.svg`));
  });

  it('fails for alt text without a diagram, and for a diagram that would run script', async () => {
    const alt = path.join(seeds, 'diagrams/alt.yaml');
    const original = await readFile(alt, 'utf8');
    await writeFile(alt, `${original}  ${undrawn}: A drawing that is not there.\n`);
    await expect(readDiagrams(seeds)).rejects.toThrow(`alt.yaml: diagrams.${undrawn}: there is no ${undrawn}.svg`);
    await writeFile(alt, original);
    const file = path.join(seeds, 'diagrams/k-means.svg');
    await writeFile(file, (await readFile(file, 'utf8')).replace('</svg>', '<script>alert(1)</script></svg>'));
    await expect(readDiagrams(seeds)).rejects.toThrow(/k-means\.svg: must not contain script/);
  });
});
