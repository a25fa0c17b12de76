import { describe, expect, it } from 'vitest';
import { pickEncoding, prefersHtml } from '../../src/http/negotiate.js';

describe('Accept negotiation', () => {
  it.each([
    ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8', true],
    ['text/html', true],
    ['TEXT/HTML', true],
    ['application/json;q=0.8, text/html', true],
    ['text/*, application/json;q=0.9', true],
    ['text/html;q=0.9, */*;q=0.5', true],
    ['*/*, application/json;q=0.5', true],
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/json', false],
    ['text/html;q=0.5, application/json', false],
    ['text/html, application/json', false],
    ['text/html;q=0', false],
    ['text/*;q=0.5, */*', false],
    ['application/*, text/html;q=0.9', false],
    ['text/html;q=abc', false],
    ['text/plain', false],
  ])('%s prefers HTML: %s', (accept, html) => {
    expect(prefersHtml(accept)).toBe(html);
    // The remembered answer is the same answer.
    expect(prefersHtml(accept)).toBe(html);
  });
});

describe('Accept-Encoding negotiation', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=1, gzip;q=1', 'br'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['deflate', 'identity'],
    ['*', 'br'],
    ['*;q=0.1, gzip;q=0.5', 'gzip'],
    ['br;q=0, *', 'gzip'],
    [undefined, 'identity'],
    ['identity', 'identity'],
  ])('%s → %s', (header, coding) => {
    expect(pickEncoding(header)).toBe(coding);
  });
});
