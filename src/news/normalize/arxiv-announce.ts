/**
 * How arXiv announced an item: `new`, `cross` (a cross-list: the same paper, listed in another
 * category), `replace` or `replace-cross` (a new version of a paper announced before: old news).
 * The current feeds say it in <arxiv:announce_type> and in the description ("Announce Type:
 * replace"); the feeds before 2024 said it in the title, "Title. (arXiv:2101.01234v2 [cs.LG]
 * UPDATED)", which also carried a suffix no reader wants to see.
 */
export type ArxivAnnounce = 'new' | 'cross' | 'replace' | 'replace-cross';

const KNOWN = new Set<string>(['new', 'cross', 'replace', 'replace-cross']);
const IN_DESCRIPTION = /\bAnnounce Type:\s*([a-z-]+)/i;
const TITLE_SUFFIX = /\.?\s*\(arXiv:[^\s()]+\s*(?:\[[^\]]*\])?\s*(UPDATED|CROSS LISTED)?\)\s*$/i;

function known(value: string | null | undefined): ArxivAnnounce | null {
  const v = value?.trim().toLowerCase();
  return v && KNOWN.has(v) ? (v as ArxivAnnounce) : null;
}

/** The title without arXiv's suffix, and the announcement the suffix told of, if any. */
export function withoutArxivSuffix(title: string): { title: string; announce: ArxivAnnounce | null } {
  const match = TITLE_SUFFIX.exec(title);
  if (!match || match.index === 0) return { title, announce: null };
  const flag = match[1]?.toUpperCase();
  return { title: title.slice(0, match.index).trim(), announce: flag === 'UPDATED' ? 'replace' : flag === 'CROSS LISTED' ? 'cross' : 'new' };
}

/** The announcement of an arXiv item: the element, else the description, else the old title's suffix. */
export function arxivAnnounce(element: string | null | undefined, description: string, fromTitle: ArxivAnnounce | null): ArxivAnnounce | null {
  return known(element) ?? known(IN_DESCRIPTION.exec(description)?.[1]) ?? fromTitle;
}

export const isReplacement = (announce: string | null): boolean => announce === 'replace' || announce === 'replace-cross';

const DESCRIPTION_PREFIX = /^arXiv:\S+\s+Announce Type:\s*[a-z-]+\s*(?:Abstract:\s*)?/i;

/** The abstract alone: the current feeds open the description with "arXiv:… Announce Type: new Abstract:". */
export const withoutAnnouncePrefix = (summary: string): string => summary.replace(DESCRIPTION_PREFIX, '');
