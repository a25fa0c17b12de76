/**
 * Headlines of round-ups: live blogs and digests of many announcements ("Live updates from Google
 * I/O 2023", "All the news from OpenAI's first developer conference", "Google I/O 2023: Everything
 * announced"). They tell no one event, and on a keynote day two outlets' live blogs would take two of
 * the five from the announcements themselves (2023-05-10 in tests/data/days). Explainers and "best
 * of" lists are not matched here: the relevance classifier judges those.
 */
const roundUp =
  /\blive[ -]?(blog|updates?|coverage)\b|^live:|\blive:\s|\bfollow along\b|\beverything (announced|revealed|launched|unveiled)\b|\ball the (news|announcements)\b|\bbiggest announcements\b|\bround-?up\b|\brecap\b/i;

export function isRoundUp(title: string): boolean {
  return roundUp.test(title);
}
