import { describe, expect, it } from 'vitest';
import { arxivId, canonicalUrl } from '../../../src/news/normalize/index.js';

describe('arXiv links', () => {
  it.each([
    'https://arxiv.org/abs/2401.01234',
    'https://arxiv.org/abs/2401.01234v2',
    'http://arxiv.org/abs/2401.01234v1',
    'https://arxiv.org/pdf/2401.01234',
    'https://arxiv.org/pdf/2401.01234v3',
    'https://arxiv.org/pdf/2401.01234v3.pdf',
    'https://arxiv.org/pdf/2401.01234.pdf',
    'http://export.arxiv.org/abs/2401.01234v2',
    'https://www.arxiv.org/abs/2401.01234?context=cs.LG#x',
    'https://arxiv.org/html/2401.01234v2',
  ])('%s is https://arxiv.org/abs/2401.01234 and id 2401.01234', (url) => {
    expect(canonicalUrl(url)).toBe('https://arxiv.org/abs/2401.01234');
    expect(arxivId(url)).toBe('2401.01234');
  });

  it.each([
    ['four-digit new-style id (2007–2014)', 'https://arxiv.org/abs/0706.0001v1', '0706.0001'],
    ['old-style id', 'https://arxiv.org/abs/cs/0112017v1', 'cs/0112017'],
    ['old-style id with subject class', 'http://arxiv.org/pdf/math.GT/0309136.pdf', 'math.GT/0309136'],
    ['old-style id with a hyphenated archive', 'https://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001'],
  ])('%s', (_case, url, id) => {
    expect(arxivId(url)).toBe(id);
    expect(canonicalUrl(url)).toBe(`https://arxiv.org/abs/${id}`);
  });

  it.each([
    ['oai:arXiv.org:2401.01234v2', '2401.01234'],
    ['oai:arXiv.org:cs/0112017', 'cs/0112017'],
    ['arXiv:2401.01234v1', '2401.01234'],
    ['  oai:arXiv.org:2401.12345  ', '2401.12345'],
  ])('reads the id from the GUID %j', (guid, id) => {
    expect(arxivId(guid)).toBe(id);
  });

  it.each([
    ['a blog whose path looks like an id', 'https://blog.example.com/abs/2401.01234'],
    ['an arXiv listing page', 'https://arxiv.org/list/cs.LG/recent'],
    ['a bare number', '2401.01234'],
    ['some other GUID', 'tag:example.com,2024:2401.01234'],
    ['nothing', null],
  ])('is not an arXiv paper: %s', (_case, value) => {
    expect(arxivId(value)).toBeNull();
  });
});
