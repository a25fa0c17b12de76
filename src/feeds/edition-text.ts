import type { EditionView } from './edition-view.js';
import { storiesByRank } from './edition-view.js';
import { oneLine, safeUrl } from './markup.js';

/** One numbered entry: its marker ("1. ") and paragraphs, each shown under the marker's indent. */
export interface TextEntry {
  marker: string;
  paragraphs: string[];
}

export interface TextSection {
  heading: string;
  entries: TextEntry[];
  /** Shown when there are no entries. */
  empty?: string;
}

function alsoCoveredByText(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

/** The edition as plain-text sections, unwrapped: the feeds join them, the e-mail wraps them. */
export function editionSections(e: EditionView): TextSection[] {
  const concepts = e.concepts.map((c, i) => ({
    marker: `${i + 1}. `,
    paragraphs: [`${oneLine(c.name)}: ${oneLine(c.title)}`, oneLine(c.summary), safeUrl(c.url) ?? ''].filter(Boolean),
  }));
  const stories = storiesByRank(e).map((s) => {
    const also = alsoCoveredByText(s.alsoCoveredBy.map((a) => oneLine(a.sourceName)));
    return {
      marker: `${s.rank}. `,
      paragraphs: [
        oneLine(s.title),
        `${oneLine(s.sourceName)}${also ? ` · also covered by ${also}` : ''}`,
        oneLine(s.summary),
        s.reasons.length ? `Why: ${oneLine(s.reasons.join('; '))}` : '',
        safeUrl(s.url) ?? '',
      ].filter(Boolean),
    };
  });
  return [
    { heading: 'CONCEPTS', entries: concepts },
    { heading: 'TOP STORIES', entries: stories, empty: 'No stories made this edition.' },
  ];
}

export function conceptOfTheDayText(e: EditionView): string {
  const first = e.concepts[0];
  return first ? `Concept of the day: ${oneLine(first.name)}, ${oneLine(first.title)}` : '';
}

/** The body of one feed item as plain text (feed readers wrap it themselves). */
export function editionText(e: EditionView): string {
  const blocks = [conceptOfTheDayText(e)].filter(Boolean);
  for (const section of editionSections(e)) {
    blocks.push(section.heading);
    if (!section.entries.length && section.empty) blocks.push(section.empty);
    for (const entry of section.entries) {
      const pad = ' '.repeat(entry.marker.length);
      blocks.push(entry.paragraphs.map((p, i) => (i === 0 ? entry.marker : pad) + p).join('\n'));
    }
  }
  return blocks.join('\n\n');
}
