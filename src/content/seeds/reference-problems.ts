import type { ConceptSeed } from './seed.schema.js';

/** New-style arXiv ids (YYMM.NNNN before 2015, YYMM.NNNNN after), without a version. */
const ARXIV_ID = /^(\d{2})(\d{2})\.(\d{4,5})$/;
const ARXIV_URL = /^https?:\/\/arxiv\.org\/(?:abs|pdf)\/([^?#]+?)(?:v\d+)?(?:\.pdf)?$/;
const DOI_URL = /^https:\/\/doi\.org\/10\.\d{4,9}\/\S+$/;

/** Titles compared without case, punctuation or spacing, so "Deep double descent:" is one paper. */
export function paperKey(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Why an arXiv URL is wrong for a reference of `year`, or null when it is well-formed and fits. */
export function arxivProblem(url: string, year: number): string | null {
  const id = ARXIV_URL.exec(url)?.[1];
  if (id === undefined) return null;
  if (/^[a-z-]+(\.[A-Z]{2})?\/\d{7}$/.test(id)) return null; // pre-2007 ids: archive/YYMMNNN
  const parts = ARXIV_ID.exec(id);
  if (!parts) return `arXiv id "${id}" is not of the form YYMM.NNNNN`;
  const month = Number(parts[2]);
  const digits = parts[3]!.length;
  const idYear = 2000 + Number(parts[1]);
  if (month < 1 || month > 12) return `arXiv id "${id}" has no month ${month}`;
  if ((idYear >= 2015) !== (digits === 5)) return `arXiv id "${id}" has ${digits} digits after the dot, which ${idYear} ids do not`;
  // A paper is cited by its venue's year: at most a year before its preprint (a conference paper
  // posted after the conference) and at most two after it (a journal version).
  if (year < idYear - 1 || year > idYear + 2) return `year ${year} does not fit arXiv id "${id}" (${idYear})`;
  return null;
}

/** One line per problem: malformed arXiv or DOI links, and one paper cited two ways. */
export function referenceProblems(concepts: readonly ConceptSeed[]): string[] {
  const problems: string[] = [];
  const firstCitation = new Map<string, { slug: string; authors: string; year: number }>();
  for (const c of concepts) {
    for (const ref of c.references) {
      if (ref.url) {
        const arxiv = arxivProblem(ref.url, ref.year);
        if (arxiv) problems.push(`${c.slug}: "${ref.title}": ${arxiv}`);
        if (ref.url.includes('doi.org/') && !DOI_URL.test(ref.url)) problems.push(`${c.slug}: "${ref.title}": malformed DOI link ${ref.url}`);
      }
      const key = paperKey(ref.title);
      const first = firstCitation.get(key);
      if (!first) firstCitation.set(key, { slug: c.slug, authors: ref.authors, year: ref.year });
      else if (first.authors !== ref.authors || first.year !== ref.year) {
        problems.push(
          `${c.slug}: "${ref.title}" is cited as ${ref.authors} (${ref.year}) but ${first.slug} cites it as ${first.authors} (${first.year})`,
        );
      }
    }
  }
  return problems;
}
