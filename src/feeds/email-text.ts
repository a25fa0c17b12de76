import { longDate } from './dates.js';
import { conceptOfTheDayText, editionSections } from './edition-text.js';
import type { Recipient } from './email-html.js';
import type { EditionView, SiteInfo } from './edition-view.js';
import { oneLine, safeUrl } from './markup.js';
import { wrap } from './wrap.js';

const COLUMNS = 72;

/**
 * The plain-text e-mail: wrapped at 72 columns, every link written out in full on its own line.
 * With a recipient it is the copy sent to one reader, ending with that reader's unsubscribe link.
 */
export function renderEmailText(e: EditionView, site: SiteInfo, recipient?: Recipient): string {
  const title = `${oneLine(site.title)} — ${longDate(e.date)}`;
  const titleLines = wrap(title, COLUMNS);
  const lines = [...titleLines, '='.repeat(Math.max(...titleLines.map((l) => [...l].length))), ''];
  const cotd = conceptOfTheDayText(e);
  if (cotd) lines.push(...wrap(cotd, COLUMNS), '');
  for (const section of editionSections(e)) {
    lines.push(section.heading, '');
    if (!section.entries.length && section.empty) lines.push(section.empty, '');
    for (const entry of section.entries) {
      const pad = ' '.repeat(entry.marker.length);
      entry.paragraphs.forEach((p, i) => lines.push(...wrap(p, COLUMNS, i === 0 ? entry.marker : pad, pad)));
      lines.push('');
    }
  }
  // "-- " (with its space) is the signature separator mail clients recognise.
  lines.push('-- ', ...wrap(oneLine(site.description), COLUMNS));
  const home = safeUrl(site.baseUrl);
  const json = safeUrl(e.url);
  if (home) lines.push(home);
  if (recipient) {
    if (json) lines.push('Read it on the web:', json);
    lines.push('', ...wrap(`You get this e-mail because you subscribed to ${oneLine(site.title)}. Unsubscribe with one click:`, COLUMNS), recipient.unsubscribeUrl);
  } else if (json) lines.push('Read this edition on the web:', json);
  return `${lines.join('\n')}\n`;
}
