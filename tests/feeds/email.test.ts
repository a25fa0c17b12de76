import { describe, expect, it } from 'vitest';
import { renderEmailHtml } from '../../src/feeds/email-html.js';
import { renderEmailText } from '../../src/feeds/email-text.js';
import { edition, hostileEdition, site } from './fixtures.js';
import { hasXmllint, htmlParseErrors, NO_XMLLINT, unbalancedTags } from './xml-tools.js';

const e = edition('2026-11-27');
const html = renderEmailHtml(e, site);
const attributeValues = (doc: string, name: string) => [...doc.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

describe('e-mail HTML', () => {
  it('is a complete, well-formed document', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">');
    expect(html).toContain('<title>mlbrief daily — 27 November 2026</title>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(unbalancedTags(html)).toEqual([]);
  });

  it('parses as HTML without errors', (ctx) => {
    if (!hasXmllint) ctx.skip(NO_XMLLINT);
    expect(htmlParseErrors(html)).toBe('');
  });

  it('has no scripts, no style sheets and no classes: only inline styles', () => {
    expect(html).not.toMatch(/<script|<style|<link|<iframe|<form|\sclass=|\son\w+=|javascript:/i);
    expect(attributeValues(html, 'style').length).toBeGreaterThan(20);
  });

  it('uses only absolute http(s) links and sources', () => {
    const targets = [...attributeValues(html, 'href'), ...attributeValues(html, 'src')];
    expect(targets.length).toBeGreaterThanOrEqual(12);
    for (const target of targets) expect(target).toMatch(/^https?:\/\/[^\s"<>]+$/);
  });

  it('lays out with presentation tables, 600px wide at most, in a readable font', () => {
    const tables = html.match(/<table\b[^>]*>/g) ?? [];
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const table of tables) expect(table).toContain('role="presentation"');
    expect(html).toContain('max-width:600px');
    expect(html).toMatch(/font-family:[^;"]*Arial,sans-serif;font-size:16px;line-height:1\.5/);
  });

  it('opens with a hidden preheader that previews the edition', () => {
    const body = html.slice(html.indexOf('<body'));
    const preheader = /^<body[^>]*>\n<div style="display:none;[^"]*">([^<&]*)/.exec(body);
    expect(preheader?.[1]).toBe('Concept of the day: Dropout. Top story: Open model matches frontier results on reasoning benchmarks');
  });

  it('shows the five concepts and every story with its links, sources and reasons', () => {
    for (const c of e.concepts) expect(html).toContain(`<a href="${c.url}" style="color:#1d4ed8;text-decoration:underline;">${c.name}</a>`);
    expect(html).toContain('CONCEPT OF THE DAY');
    for (const s of e.stories) expect(html).toContain(s.title);
    expect(html).toContain('href="https://news.example.com/open-model-reasoning"');
    expect(html).toContain('also covered by <a href="https://mlweekly.example.net/p/123"');
    expect(html).toContain('Why: covered by 4 sources: Lab Blog, ML Weekly, arXiv cs.LG, Hacker News; mentions Attention and LoRA');
    expect(html).toContain(`href="${e.url}"`);
  });

  it('says so when no story made the edition', () => {
    expect(renderEmailHtml({ ...e, stories: [] }, site)).toContain('No stories made this edition.');
  });
});

describe('e-mail text', () => {
  const text = renderEmailText(e, site);
  const lines = text.split('\n');
  const isUrl = (line: string) => /^\s*https?:\/\/\S+$/.test(line);

  it('keeps every line but a lone URL within 78 columns (and wraps at 72)', () => {
    const long = `${'word '.repeat(40)}${'x'.repeat(120)} https://example.org/${'p'.repeat(100)}`;
    const wide = edition('2026-11-27', { stories: [{ ...e.stories[0]!, title: long, summary: long }] });
    for (const doc of [text, renderEmailText(wide, site), renderEmailText(hostileEdition(), site)]) {
      for (const line of doc.split('\n')) {
        if (isUrl(line)) continue;
        expect([...line].length, line).toBeLessThanOrEqual(72);
      }
    }
    expect(renderEmailText(wide, site)).toContain(`\n   https://example.org/${'p'.repeat(100)}\n`);
  });

  it('writes every link in full on its own line', () => {
    for (const url of [...e.concepts.map((c) => c.url), e.url, 'https://news.example.com/open-model-reasoning']) {
      expect(lines.some((line) => line.trim() === url)).toBe(true);
    }
  });

  it('reads as a brief: title, concept of the day, numbered concepts and stories, signature', () => {
    expect(lines.slice(0, 3)).toEqual(['mlbrief daily — 27 November 2026', '='.repeat(32), '']);
    expect(text).toContain('Concept of the day: Dropout, Randomly silencing units to fight\noverfitting');
    expect(text).toContain('\nCONCEPTS\n\n1. Dropout: Randomly silencing units to fight overfitting\n   During training');
    expect(text).toContain('\nTOP STORIES\n\n1. Open model matches frontier results on reasoning benchmarks\n   Lab Blog · also covered by ML Weekly, arXiv cs.LG and Hacker News\n');
    expect(text).toContain('\n3. A story without a link\n   Newsletter · also covered by ML Weekly\n');
    expect(text).toContain('\n-- \n');
    expect(text.endsWith('https://mlbrief.example.org/daily/2026-11-27\n')).toBe(true);
    expect(lines.filter((l) => l !== '-- ' && /\s$/.test(l))).toEqual([]);
  });
});
