import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { queryCachedPlan } from '../db/statement-cache.js';
import type { QuizQuestion, Reference } from '../db/schema/content.js';
import type { ConceptFilter, Difficulty } from './concepts.queries.js';

/** A whole card as the reader's pages show it, with its relations and newest stories. */
export interface FullCardRecord {
  id: number;
  slug: string;
  name: string;
  title: string;
  summary: string;
  difficulty: Difficulty;
  formulaLatex: string | null;
  formulaUnicode: string | null;
  example: string;
  imageUrl: string | null;
  imageAlt: string | null;
  imageCredit: string | null;
  imageLicense: string | null;
  imageSourceUrl: string | null;
  references: Reference[];
  quiz: QuizQuestion[];
  /** Set when the card has a diagram (served at /concepts/SLUG/diagram.svg). */
  diagramAlt: string | null;
  tags: { slug: string; name: string }[];
  explanations: { kind: string; body: string }[];
  related: { slug: string; name: string }[];
  prerequisites: { slug: string; name: string }[];
  /** Newest first, one per cluster; publishedAt as JSON gives it (an ISO string). */
  stories: { title: string; url: string | null; sourceName: string; publishedAt: string }[];
}

/** Stories looked at per card to find the newest `storiesPerCard` distinct events. */
const storyWindow = 20;
export const storiesPerCard = 5;

const relatedOf = (kind: 'related' | 'prerequisite') => sql`(select coalesce(json_agg(json_build_object('slug', r.slug, 'name', r.name) order by cr.position), '[]')
    from concept_relations cr join concepts r on r.id = cr.related_id
    where cr.concept_id = c.id and cr.kind = ${sql.raw(`'${kind}'`)} and r.status = 'published')`;

/**
 * A card's newest stories as a JSON array, newest first, one per cluster among the last
 * `storyWindow` that mention it: read along story_concepts_concept_effective_idx, whatever the
 * amount of news. `conceptId` is the card's id as an SQL expression.
 */
const storiesOf = (conceptId: SQL) => sql`(select coalesce(json_agg(json_build_object('title', s.title, 'url', s.url, 'sourceName', s.source_name, 'publishedAt', s.effective_at) order by s.effective_at desc, s.id desc), '[]')
        from (select distinct on (coalesce(w.cluster_id, w.id)) w.* from (
          select st.id, st.cluster_id, st.title, st.url, st.effective_at, so.name as source_name
          from story_concepts sc join stories st on st.id = sc.story_id join sources so on so.id = st.source_id
          where sc.concept_id = ${conceptId} order by sc.effective_at desc, sc.story_id desc limit ${sql.raw(String(storyWindow))}) w
          order by coalesce(w.cluster_id, w.id), w.effective_at desc, w.id desc) s)`;

/** The statement of `cardStories` (tests EXPLAIN it). */
export const cardStoriesStatement = (conceptId: number) => sql`select ${storiesOf(sql`${conceptId}::int`)} as stories`;

/**
 * The newest `storiesPerCard` stories of the card with this id: what changes on a card with the
 * news, read alone when the rest of the card is known (views.ts: conceptPageLoader).
 */
export async function cardStories(db: Db, conceptId: number): Promise<FullCardRecord['stories']> {
  const [row] = await queryCachedPlan<{ stories: FullCardRecord['stories'] | string }>(db, 'reader_card_stories', cardStoriesStatement(conceptId));
  const stories = typeof row!.stories === 'string' ? (JSON.parse(row!.stories) as FullCardRecord['stories']) : row!.stories;
  return stories.slice(0, storiesPerCard);
}

/** A published card's diagram (SVG text), undefined when there is no such card or it has none. */
export async function cardDiagram(db: Db, slug: string): Promise<string | undefined> {
  const [row] = await queryCachedPlan<{ svg: string | null }>(
    db,
    'reader_card_diagram',
    sql`select c.diagram_svg as svg from concepts c where c.slug = ${slug} and c.status = 'published'`,
  );
  return row?.svg ?? undefined;
}

/**
 * The statement of `fullCard` (tests EXPLAIN it). Its story window is a constant in the text: as a
 * parameter LIMIT, PostgreSQL priced the generic plan above one planned for the values and, with
 * news in the database, planned the card afresh on every request (2 ms of planning on PGlite for
 * 0.7 ms of work; tests/db/story-concept-dates.test.ts counts the plans).
 */
export const fullCardStatement = (slug: string) => sql`select json_build_object(
      'id', c.id, 'slug', c.slug, 'name', c.name, 'title', c.title, 'summary', c.summary, 'difficulty', c.difficulty,
      'formulaLatex', c.formula_latex, 'formulaUnicode', c.formula_unicode, 'example', c.example,
      'imageUrl', c.image_url, 'imageAlt', c.image_alt, 'imageCredit', c.image_credit,
      'imageLicense', c.image_license, 'imageSourceUrl', c.image_source_url, 'references', c."references",
      'quiz', c.quiz, 'diagramAlt', c.diagram_alt,
      'tags', (select coalesce(json_agg(json_build_object('slug', t.slug, 'name', t.name) order by ct.position), '[]')
        from concept_tags ct join tags t on t.id = ct.tag_id where ct.concept_id = c.id),
      'explanations', (select coalesce(json_agg(json_build_object('kind', e.kind, 'body', e.body) order by e.position), '[]')
        from explanations e where e.concept_id = c.id),
      'related', ${relatedOf('related')},
      'prerequisites', ${relatedOf('prerequisite')},
      'stories', ${storiesOf(sql`c.id`)}
    ) as card
    from concepts c where c.slug = ${slug} and c.status = 'published'`;

/**
 * A published card by slug in one statement (the page's whole cold cost in SQL is this one
 * round trip); undefined when there is none.
 */
export async function fullCard(db: Db, slug: string): Promise<FullCardRecord | undefined> {
  const [row] = await queryCachedPlan<{ card: FullCardRecord | string }>(
    db,
    'reader_full_card',
    fullCardStatement(slug),
  );
  if (!row) return undefined;
  const card = typeof row.card === 'string' ? (JSON.parse(row.card) as FullCardRecord) : row.card;
  card.stories = card.stories.slice(0, storiesPerCard);
  return card;
}

export interface DeckCardRecord {
  slug: string;
  name: string;
  title: string;
  summary: string;
  difficulty: Difficulty;
  formulaLatex: string | null;
  formulaUnicode: string | null;
  tags: { slug: string; name: string }[];
  explanation: { kind: string; body: string } | null;
}

/**
 * One page of the deck in one statement: published cards from beginner to advanced, by slug
 * within a level, each with its tags and first explanation; and how many match in all.
 */
export async function deckCards(db: Db, filter: Pick<ConceptFilter, 'tag' | 'difficulty'>, limit: number, offset: number): Promise<{ total: number; cards: DeckCardRecord[] }> {
  const [row] = await queryCachedPlan<{ total: number | string; cards: DeckCardRecord[] | string }>(
    db,
    'reader_deck_cards',
    sql`with matching as (
      select c.* from concepts c
      where c.status = 'published'
        and (${filter.difficulty ?? null}::difficulty is null or c.difficulty = ${filter.difficulty ?? null}::difficulty)
        and (${filter.tag ?? null}::text is null or exists (select 1 from concept_tags ct join tags t on t.id = ct.tag_id
              where ct.concept_id = c.id and t.slug = ${filter.tag ?? null}::text))
    ), page as (
      select * from matching order by difficulty, slug limit ${limit} offset ${offset}
    )
    select (select count(*) from matching) as total,
      (select coalesce(json_agg(json_build_object(
        'slug', p.slug, 'name', p.name, 'title', p.title, 'summary', p.summary, 'difficulty', p.difficulty,
        'formulaLatex', p.formula_latex, 'formulaUnicode', p.formula_unicode,
        'tags', (select coalesce(json_agg(json_build_object('slug', t.slug, 'name', t.name) order by ct.position), '[]')
          from concept_tags ct join tags t on t.id = ct.tag_id where ct.concept_id = p.id),
        'explanation', (select json_build_object('kind', e.kind, 'body', e.body) from explanations e
          where e.concept_id = p.id order by e.position limit 1)
      ) order by p.difficulty, p.slug), '[]') from page p) as cards`,
  );
  const cards = typeof row!.cards === 'string' ? (JSON.parse(row!.cards) as DeckCardRecord[]) : row!.cards;
  return { total: Number(row!.total), cards };
}
