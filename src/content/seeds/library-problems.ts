import type { SeedLibrary } from './read-seeds.js';
import { referenceProblems } from './reference-problems.js';

/** The seven cards of the source page; the library must always carry them. */
export const sourceCardSlugs = [
  'residual-connections',
  'pre-ln-transformers',
  'gradient-checkpointing',
  'gradient-accumulation',
  'dropout',
  'sgd-momentum',
  'elastic-net',
] as const;

/** Whole-library checks that one file's schema cannot make; returns one line per problem. */
export function libraryProblems({ tags, concepts }: SeedLibrary): string[] {
  const problems: string[] = [];
  const tagSlugs = new Set(tags.map((t) => t.slug));
  const conceptSlugs = new Set<string>();
  const titles = new Set<string>();
  const tagUse = new Map<string, number>();

  for (const tag of tags) tagUse.set(tag.slug, 0);
  for (const c of concepts) {
    if (conceptSlugs.has(c.slug)) problems.push(`${c.slug}: duplicate slug`);
    conceptSlugs.add(c.slug);
    const title = c.title.toLowerCase();
    if (titles.has(title)) problems.push(`${c.slug}: duplicate title "${c.title}"`);
    titles.add(title);
    for (const t of c.tags) {
      if (!tagSlugs.has(t)) problems.push(`${c.slug}: unknown tag "${t}"`);
      else tagUse.set(t, (tagUse.get(t) ?? 0) + 1);
    }
  }
  for (const c of concepts) {
    for (const r of [...c.related, ...c.prerequisites]) {
      if (!conceptSlugs.has(r)) problems.push(`${c.slug}: related or prerequisite "${r}" does not exist`);
      if (r === c.slug) problems.push(`${c.slug}: relates to itself`);
    }
  }
  problems.push(...aliasProblems(concepts), ...referenceProblems(concepts));
  for (const [t, n] of tagUse) if (n < 2) problems.push(`tag ${t}: used by ${n} concept(s), needs at least 2`);
  for (const s of sourceCardSlugs) if (!conceptSlugs.has(s)) problems.push(`source card ${s} is missing`);
  return problems;
}

/**
 * Aliases link news stories to cards, so one must name exactly one card: never another card's
 * name, and never an alias two cards share.
 */
function aliasProblems(concepts: SeedLibrary['concepts']): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const c of concepts) owner.set(c.name.toLowerCase(), c.slug);
  const aliasOwner = new Map<string, string>();
  for (const c of concepts) {
    for (const alias of c.aliases) {
      const key = alias.toLowerCase();
      const named = owner.get(key);
      if (named !== undefined && named !== c.slug) problems.push(`${c.slug}: alias "${alias}" is the name of ${named}`);
      const shared = aliasOwner.get(key);
      if (shared !== undefined && shared !== c.slug) problems.push(`${c.slug}: alias "${alias}" is also an alias of ${shared}`);
      aliasOwner.set(key, c.slug);
    }
  }
  return problems;
}
