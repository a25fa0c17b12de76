/**
 * Reader endorsement an aggregator prints in an item's description, as hnrss does:
 * "Article URL: … Comments URL: … Points: 123 # Comments: 45". The counts are read from the
 * plain text, and the boilerplate is taken out of the summary (it says nothing about the story).
 * A count that is missing, negative or not a number is no count (null): the item stays.
 */
const POINTS = /(?:^|\s)Points:\s*(-?\d+)\b/;
const COMMENTS = /(?:^|\s)#\s*Comments:\s*(-?\d+)\b/;
const BOILERPLATE = /(?:^|\s)(?:Article URL|Comments URL):\s*\S*|(?:^|\s)Points:\s*-?\d+\b|(?:^|\s)#\s*Comments:\s*-?\d+\b/g;

const count = (match: RegExpExecArray | null): number | null => {
  if (!match) return null;
  const n = Number(match[1]);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
};

export function endorsement(text: string): { points: number | null; comments: number | null; summary: string } {
  const points = count(POINTS.exec(text));
  const comments = count(COMMENTS.exec(text));
  if (points === null && comments === null && !/(?:Article|Comments) URL:/.test(text)) return { points, comments, summary: text };
  return { points, comments, summary: text.replace(BOILERPLATE, ' ').replace(/\s+/g, ' ').trim() };
}
