import type { EditionRow } from '../../daily/build.js';
import { editionView } from '../../daily/edition-view.js';
import { longDate } from '../../feeds/dates.js';
import type { SiteInfo } from '../../feeds/edition-view.js';
import { renderEmailHtml } from '../../feeds/email-html.js';
import { renderEmailText } from '../../feeds/email-text.js';
import { composeMessage } from '../compose.js';
import type { Mailer } from '../mailer.js';
import { tokenLength } from '../tokens.js';
import type { OutgoingMessage } from '../transport/types.js';
import { fillSlots, findSlots } from './slots.js';

export const site = (origin: string): SiteInfo => ({
  baseUrl: origin,
  title: 'mlbrief daily',
  description: 'Five machine-learning concepts and the five ML stories that matter, every day.',
});

// Stand-ins written where a copy's own values go; each is as long as what replaces it.
const tokenSlot = 'UnsubscribeTokenSlot'.padEnd(tokenLength, 'x');
const idDigits = 12;
const idSlot = '0'.repeat(idDigits);

export interface Recipient {
  deliveryId: number;
  email: string;
  unsubscribeToken: string;
}

/** One edition's message, composed once; `fill` makes each reader's copy by writing into its slots. */
export interface DailyTemplate {
  subject: string;
  fill(recipient: Recipient): OutgoingMessage;
}

/** The stable Message-ID of a delivery: the same on every attempt, so a receiver can drop a repeat. */
export function deliveryMessageId(date: string, deliveryId: number, domain: string): string {
  return `daily.${date}.${String(deliveryId).padStart(idDigits, '0')}@${domain}`;
}

export const unsubscribeUrl = (origin: string, token: string) => `${origin}/unsubscribe?token=${token}`;

export function dailySubject(edition: EditionRow): string {
  const concept = edition.content.concepts[0]?.name;
  return `mlbrief daily, ${longDate(edition.date)}${concept ? `: ${concept}` : ''}`;
}

/**
 * Composing a MIME message costs about a millisecond (quoted-printable over ~25 kB), more than
 * sending it through a warm pool; copies differ only in the recipient, the Message-ID and the
 * unsubscribe token, so the message is composed once per edition and each copy is the template's
 * bytes with those written in.
 */
export async function buildDailyTemplate(edition: EditionRow, mailer: Mailer): Promise<DailyTemplate> {
  const view = editionView(edition, mailer.origin);
  const recipient = { unsubscribeUrl: unsubscribeUrl(mailer.origin, tokenSlot) };
  const text = renderEmailText(view, site(mailer.origin), recipient);
  const html = renderEmailHtml(view, site(mailer.origin), recipient);
  const subject = dailySubject(edition);
  const raw = await composeMessage({
    from: mailer.fromHeader,
    subject,
    text,
    html,
    messageId: `<${deliveryMessageId(edition.date, 0, mailer.messageIdDomain)}>`,
    headers: {
      'List-Id': `mlbrief daily <daily.${mailer.messageIdDomain}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  });
  const headerEnd = raw.indexOf('\r\n\r\n');
  const idSlots = findSlots(raw.subarray(0, headerEnd), `.${idSlot}@`).map((s) => s.slice(1, -1));
  const tokenSlots = findSlots(raw, tokenSlot, headerEnd);
  const expected = occurrences(text, tokenSlot) + occurrences(html, tokenSlot);
  if (idSlots.length !== 1 || tokenSlots.length !== expected) {
    throw new Error(`daily message template: found ${idSlots.length} Message-ID and ${tokenSlots.length}/${expected} token slots`);
  }
  const mailto = mailer.unsubscribeMailto ? `,\r\n <mailto:${mailer.unsubscribeMailto}?subject=unsubscribe>` : '';

  return {
    subject,
    fill({ deliveryId, email, unsubscribeToken }) {
      const head = Buffer.from(`To: ${email}\r\nList-Unsubscribe: <${unsubscribeUrl(mailer.origin, unsubscribeToken)}>${mailto}\r\n`, 'latin1');
      const copy = Buffer.allocUnsafe(head.length + raw.length);
      head.copy(copy, 0);
      raw.copy(copy, head.length);
      fillSlots(copy, idSlots, String(deliveryId).padStart(idDigits, '0'), head.length);
      fillSlots(copy, tokenSlots, unsubscribeToken, head.length);
      return { from: mailer.fromAddress, to: email, messageId: deliveryMessageId(edition.date, deliveryId, mailer.messageIdDomain), raw: copy };
    },
  };
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}
