import { longDate } from './dates.js';
import { alsoCoveredByHtml, linkHtml } from './edition-html.js';
import type { EditionConcept, EditionStory, EditionView, SiteInfo } from './edition-view.js';
import { storiesByRank } from './edition-view.js';
import { escapeMarkup as esc, oneLine } from './markup.js';

// Mail clients drop <style> blocks and external CSS unpredictably, so every style is inline.
// Outlook does not inherit fonts into tables, so each cell names the font; its children inherit it.
const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
const CELL = `${FONT}font-size:16px;line-height:1.5;color:#1f2937;`;
const MUTED = 'font-size:14px;line-height:1.5;color:#6b7280;';
const LINK = ' style="color:#1d4ed8;text-decoration:underline;"';
const BG = '#f3f4f6';
const TABLE = 'role="presentation" cellpadding="0" cellspacing="0" border="0"';
// Keeps clients from filling the inbox preview with body text after the preheader.
const PREVIEW_FILLER = '&#847;&#8204;&#160;'.repeat(40);

function row(content: string, padding = '0 32px 16px'): string {
  return `<tr><td style="padding:${padding};${CELL}">${content}</td></tr>`;
}

function heading(text: string): string {
  return row(`<h2 style="margin:8px 0 0;font-size:18px;line-height:1.3;color:#111827;">${esc(text)}</h2>`, '8px 32px 8px');
}

function conceptOfTheDay(c: EditionConcept): string {
  const summary = c.summary ? `<p style="margin:8px 0 0;">${esc(c.summary)}</p>` : '';
  const box =
    `<table ${TABLE} width="100%" style="background-color:#eef2ff;"><tr><td style="padding:16px 20px;${CELL}">` +
    `<p style="margin:0;font-size:12px;letter-spacing:1px;color:#4b5563;">CONCEPT OF THE DAY</p>` +
    `<p style="margin:4px 0 0;font-size:22px;line-height:1.3;font-weight:bold;">${linkHtml(c.name, c.url, LINK)}</p>` +
    `<p style="margin:4px 0 0;">${esc(c.title)}</p>${summary}</td></tr></table>`;
  return row(box, '8px 32px 16px');
}

function concept(c: EditionConcept): string {
  const summary = c.summary ? `<br><span style="${MUTED}">${esc(c.summary)}</span>` : '';
  return row(`<strong>${linkHtml(c.name, c.url, LINK)}</strong>: ${esc(c.title)}${summary}`, '0 32px 12px');
}

function story(s: EditionStory): string {
  const also = s.alsoCoveredBy.length ? ` · also covered by ${alsoCoveredByHtml(s, LINK)}` : '';
  const body = [
    `<p style="margin:0;font-size:17px;line-height:1.4;font-weight:bold;">${linkHtml(s.title, s.url, LINK)}</p>`,
    `<p style="margin:2px 0 0;${MUTED}">${esc(s.sourceName)}${also}</p>`,
    s.summary ? `<p style="margin:6px 0 0;">${esc(s.summary)}</p>` : '',
    s.reasons.length ? `<p style="margin:6px 0 0;${MUTED}">Why: ${esc(s.reasons.join('; '))}</p>` : '',
  ].join('');
  const layout =
    `<table ${TABLE} width="100%"><tr>` +
    `<td width="32" valign="top" style="${FONT}font-size:20px;line-height:1.2;font-weight:bold;color:#9ca3af;">${s.rank}</td>` +
    `<td valign="top" style="${CELL}">${body}</td></tr></table>`;
  return row(layout, '0 32px 20px');
}

function footer(e: EditionView, site: SiteInfo, recipient?: Recipient): string {
  const home = linkHtml(site.title, site.baseUrl, LINK);
  if (!recipient) {
    const web = linkHtml('Read this edition on the web', e.url, LINK);
    return `<tr><td style="padding:16px 32px 24px;border-top:1px solid #e5e7eb;${FONT}${MUTED}">${esc(site.description)}<br>${home} · ${web}</td></tr>`;
  }
  const web = linkHtml('Read it on the web', e.url, LINK);
  const leave = linkHtml('Unsubscribe', recipient.unsubscribeUrl, LINK);
  return `<tr><td style="padding:16px 32px 24px;border-top:1px solid #e5e7eb;${FONT}${MUTED}">${esc(site.description)}<br>${home} · ${web}<br>You get this e-mail because you subscribed to ${esc(site.title)}. ${leave} with one click.</td></tr>`;
}

/** Who a sent copy is for: its footer carries that reader's own unsubscribe link. */
export interface Recipient {
  unsubscribeUrl: string;
}

/**
 * A complete HTML e-mail: tables for layout, inline styles only, absolute links, no scripts.
 * With a recipient it is the copy sent to one reader, with that reader's unsubscribe link.
 */
export function renderEmailHtml(e: EditionView, site: SiteInfo, recipient?: Recipient): string {
  const [first, ...more] = e.concepts;
  const stories = storiesByRank(e);
  const title = `${site.title} — ${longDate(e.date)}`;
  const preheader = oneLine(
    [first ? `Concept of the day: ${first.name}.` : '', stories[0] ? `Top story: ${stories[0].title}` : ''].join(' '),
  );
  const rows = [
    row(
      `<p style="margin:0;font-size:13px;letter-spacing:1px;color:#6b7280;">${esc(site.title.toUpperCase())}</p>` +
        `<h1 style="margin:4px 0 0;font-size:26px;line-height:1.25;color:#111827;">${esc(longDate(e.date))}</h1>`,
      '24px 32px 8px',
    ),
    first ? conceptOfTheDay(first) : '',
    more.length ? [heading('More concepts'), ...more.map(concept)].join('\n') : '',
    heading('Top stories'),
    stories.length ? stories.map(story).join('\n') : row('No stories made this edition.'),
    footer(e, site, recipient),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<title>${esc(title)}</title>
</head>
<body style="margin:0;padding:0;background-color:${BG};">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;font-size:1px;line-height:1px;color:${BG};">${esc(preheader)}${PREVIEW_FILLER}</div>
<table ${TABLE} width="100%" style="background-color:${BG};"><tr><td align="center" style="padding:24px 12px;">
<table ${TABLE} width="600" style="width:100%;max-width:600px;background-color:#ffffff;">
${rows.filter(Boolean).join('\n')}
</table>
</td></tr></table>
</body>
</html>
`;
}
