import { cardStories, deckCards, fullCard, type FullCardRecord } from '../../content/card-pages.queries.js';
import { Lru } from '../../cache/lru.js';
import { listConcepts } from '../../content/concepts.queries.js';
import { allTags, tagsBySlugs } from '../../content/tags.queries.js';
import type { EditionDeps } from '../../daily/build.js';
import { editionNeighbours } from '../../daily/edition-neighbours.queries.js';
import { listEditions } from '../../daily/editions.queries.js';
import { editionForReading, newestEditionForReading } from '../../daily/reading.js';
import type { Db } from '../../db/client.js';
import { conceptsOfStories } from '../../news/stories.queries.js';
import { deckPageSize } from '../../pages/deck-page.js';
import { conceptPageTemplate, fillConceptPage, type ConceptPageTemplate } from '../../pages/concept-page.js';
import type { RenderedPage, Site } from '../../pages/layout.js';
import type { ArchiveView, BriefView, CardView, DeckView, Difficulty, StoryLink, TagView } from '../../pages/view-models.js';

/** The view models of the reader's pages, read from the database: one to three statements each. */

export function cardView(r: FullCardRecord): CardView {
  return {
    slug: r.slug,
    name: r.name,
    title: r.title,
    summary: r.summary,
    difficulty: r.difficulty,
    tags: r.tags,
    formula: r.formulaLatex !== null && r.formulaUnicode !== null ? { latex: r.formulaLatex, unicode: r.formulaUnicode } : null,
    example: r.example,
    image:
      r.imageUrl && r.imageAlt && r.imageCredit && r.imageLicense
        ? { url: r.imageUrl, alt: r.imageAlt, credit: r.imageCredit, license: r.imageLicense, sourceUrl: r.imageSourceUrl }
        : null,
    explanations: r.explanations,
    references: r.references,
    quiz: r.quiz,
    diagram: r.diagramAlt ? { url: `/concepts/${r.slug}/diagram.svg`, alt: r.diagramAlt } : null,
    related: r.related,
    prerequisites: r.prerequisites,
    stories: storyLinks(r.stories),
  };
}

const storyLinks = (stories: FullCardRecord['stories']): StoryLink[] =>
  stories.map((s) => ({ title: s.title, url: s.url, sourceName: s.sourceName, publishedAt: new Date(s.publishedAt) }));

export async function loadCard(db: Db, slug: string): Promise<CardView | undefined> {
  const record = await fullCard(db, slug);
  return record && cardView(record);
}

/**
 * The reader's card pages, remembering each card's page around its stories (concept-page.ts:
 * ConceptPageTemplate): the card's own content (text, tags, relations) changes only with concepts
 * (`content`, DataVersion.content()), while the stories change with every ingest pass. When only
 * news moved, the stories alone are read again and put in the kept page (the cold-page bench's
 * passes after news measure a card rendered this way). Undefined when there is no such card.
 */
export function conceptPageLoader(db: Db, site: Site): (slug: string, content: number) => Promise<RenderedPage | undefined> {
  const kept = new Lru<string, { content: number; origin: string; id: number; template: ConceptPageTemplate }>(2048);
  return async (slug, content) => {
    const known = kept.get(slug);
    if (known?.content === content && known.origin === site.origin) return fillConceptPage(known.template, storyLinks(await cardStories(db, known.id)));
    const record = await fullCard(db, slug);
    if (!record) return undefined;
    const card = cardView(record);
    const template = conceptPageTemplate(site, card);
    // Kept under the content version read before the statement: a change meanwhile is read next time.
    kept.set(slug, { content, origin: site.origin, id: record.id, template });
    return fillConceptPage(template, card.stories);
  };
}

/** An edition as a page, with `preview` telling whether it may still change. Throws BAD_USER_INPUT for a bad date. */
export async function loadBrief(deps: EditionDeps, date?: string): Promise<BriefView> {
  const { edition, preview } = date ? await editionForReading(deps, date) : await newestEditionForReading(deps);
  const { db } = deps.database;
  const content = edition.content;
  const [first, ...more] = content.concepts;
  const storyIds = content.stories.map((s) => s.storyId);
  const [card, storyConcepts, neighbours] = await Promise.all([
    first ? loadCard(db, first.slug) : undefined,
    storyIds.length ? conceptsOfStories(db, storyIds) : [],
    editionNeighbours(db, edition.date),
  ]);
  return {
    date: edition.date,
    preview,
    conceptOfTheDay: card ?? null,
    concepts: more.map((c) => ({ slug: c.slug, name: c.name, title: c.title, summary: c.summary })),
    stories: [...content.stories]
      .sort((a, b) => a.rank - b.rank)
      .map((s) => ({
        rank: s.rank,
        title: s.title,
        url: s.url,
        summary: s.summary,
        sourceName: s.sourceName,
        alsoCoveredBy: s.alsoCoveredBy.map((a) => ({ sourceName: a.sourceName, url: a.url })),
        reasons: s.reasons,
        concepts: storyConcepts.filter((c) => c.storyId === s.storyId).map((c) => ({ slug: c.concept.slug, name: c.concept.name })),
      })),
    previous: neighbours.previous,
    next: neighbours.next,
  };
}

export async function loadDeck(db: Db, filter: { tag?: string; difficulty?: Difficulty }, page: number): Promise<DeckView> {
  const [{ total, cards }, tags] = await Promise.all([deckCards(db, filter, deckPageSize, (page - 1) * deckPageSize), allTags(db)]);
  return {
    cards: cards.map((c) => ({
      slug: c.slug,
      name: c.name,
      title: c.title,
      summary: c.summary,
      difficulty: c.difficulty,
      tags: c.tags,
      formula: c.formulaLatex !== null && c.formulaUnicode !== null ? { latex: c.formulaLatex, unicode: c.formulaUnicode } : null,
      explanation: c.explanation,
    })),
    page,
    pageCount: Math.max(1, Math.ceil(total / deckPageSize)),
    total,
    filter,
    tags: tags.map((t) => ({ slug: t.slug, name: t.name })),
  };
}

/** Every tag is small enough for one page (the largest holds a few dozen cards). */
const tagPageLimit = 1000;

export async function loadTag(db: Db, slug: string): Promise<TagView | undefined> {
  const [tag] = await tagsBySlugs(db, [slug]);
  if (!tag) return undefined;
  const { rows } = await listConcepts(db, { tag: slug }, { size: tagPageLimit, backward: false });
  return {
    tag: { slug: tag.slug, name: tag.name, description: tag.description },
    concepts: rows.map((c) => ({ slug: c.slug, name: c.name, title: c.title, summary: c.summary, difficulty: c.difficulty })),
  };
}

export const archivePageSize = 60;

export async function loadArchive(db: Db, before?: string): Promise<ArchiveView> {
  const { rows, hasNextPage } = await listEditions(db, archivePageSize, before);
  return {
    editions: rows.map((e) => {
      const [first] = e.content.concepts;
      const top = [...e.content.stories].sort((a, b) => a.rank - b.rank)[0];
      return { date: e.date, conceptOfTheDay: first ? { slug: first.slug, name: first.name } : null, topStory: top?.title ?? null };
    }),
    older: hasNextPage ? rows.at(-1)?.date : undefined,
    paged: before !== undefined,
  };
}
