/**
 * What a headline says of its event beyond the event's words: whether it is a preview, a rumour, a
 * confirmation, a repetition of something that happened before, or a shop's offer. Two headlines
 * on one subject in nearly the same words are two stories when one says "what to expect" and the
 * other reports, one passes on a rumour and the other says it is confirmed, or one says "another".
 */
export interface Stance {
  /** A preview of an event ("How to watch …", "What to expect …"): it carries no news of it yet. */
  preview: boolean;
  /** Passes on what is not known yet ("rumored", "leaked"). */
  rumour: boolean;
  /** Says it is known now ("confirms", "officially"). */
  confirmed: boolean;
  /** The event happened before and this is the next one ("Another outage", "… after delay"). */
  repeat: boolean;
  /** A shop's offer ("only $650 for Black Friday", "30% off"): no event at all. */
  deal: boolean;
}

const PREVIEW = /\b(?:how to (?:watch|stream|tune in)|(?:what|everything) (?:to expect|we(?:'|’)?re expecting|we expect)|watch party)\b/i;
const RUMOUR = /\b(?:rumou?r(?:s|ed)?|leak(?:s|ed)?)\b/i;
const CONFIRMED = /\b(?:confirm(?:s|ed)?|officially)\b/i;
const REPEAT = /\b(?:another|after (?:a )?delay)\b/i;
// Shopping days and prices cut, not "a $4 billion deal": an investment is news.
const DEAL = /\b(?:black friday|cyber monday|prime day|all-time low|\d+% off)\b/i;

export function stance(title: string): Stance {
  return {
    preview: PREVIEW.test(title),
    rumour: RUMOUR.test(title),
    confirmed: CONFIRMED.test(title),
    repeat: REPEAT.test(title),
    deal: DEAL.test(title),
  };
}

/**
 * Two stances that cannot tell one event: a preview and a report, a rumour and its confirmation,
 * the first occurrence and "another"; a shop's offer joins nothing (two deal posts for one vacuum
 * are two posts, not news told twice).
 */
export function contradicting(a: Stance, b: Stance): boolean {
  return (
    a.preview !== b.preview ||
    a.repeat !== b.repeat ||
    a.deal ||
    b.deal ||
    (a.rumour && !a.confirmed && b.confirmed && !b.rumour) ||
    (b.rumour && !b.confirmed && a.confirmed && !a.rumour)
  );
}
