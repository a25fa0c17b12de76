/** "A", "A and B", "A, B and C"; past `max` items, "A, B and 3 more". */
export function listInWords(items: readonly string[], max = Number.POSITIVE_INFINITY): string {
  const shown = items.length > max ? [...items.slice(0, max), `${items.length - max} more`] : [...items];
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export function coverageReason(publishers: readonly string[]): string {
  const noun = publishers.length === 1 ? 'publisher' : 'publishers';
  return `covered by ${publishers.length} ${noun}: ${listInWords(publishers)}`;
}

export function endorsementReason(points: number, comments: number): string {
  const parts = [points > 0 ? `${points} ${points === 1 ? 'point' : 'points'}` : '', comments > 0 ? `${comments} ${comments === 1 ? 'comment' : 'comments'}` : ''];
  return `endorsed by readers: ${parts.filter(Boolean).join(', ')}`;
}

export function weightReason(sourceName: string, publisher: string, weight: number): string {
  return `from ${sourceName} (${publisher}), weight ${weight}`;
}

export function conceptsReason(conceptNames: readonly string[]): string {
  return `mentions ${listInWords(conceptNames, 5)}`;
}

export function relevanceReason(relevance: number, evidence: readonly string[]): string {
  const why = evidence.length > 0 ? `: mentions ${listInWords(evidence, 5)}` : '';
  return `about machine learning (relevance ${relevance.toFixed(2)}${why})`;
}

export function ageReason(ageMs: number): string {
  const hours = Math.floor(ageMs / 3_600_000);
  if (hours < 1) return 'published less than an hour before the edition';
  if (hours < 48) return `published ${hours} ${hours === 1 ? 'hour' : 'hours'} before the edition`;
  return `published ${Math.floor(hours / 24)} days before the edition`;
}

export function lateReason(missedDate: string): string {
  return `arrived after the edition of ${missedDate} was published, so it is in this one`;
}

export function reachBackReason(daysBack: number): string {
  return `from ${daysBack} ${daysBack === 1 ? 'day' : 'days'} before the edition's window, filling a place the day's own stories left empty`;
}

export function roundUpReason(): string {
  return "a round-up of many announcements (a live blog or digest): placed after the day's single stories";
}

export function shownFromReason(shownBy: string, first: string, max: number, limit: number): string {
  return `shown from ${shownBy}: ${first} already has ${max} of the ${limit}`;
}

/** Two decimals, or as many as it takes not to read as the threshold itself ("0.5899", not "0.59 is below 0.59"). */
export function offTopicReason(relevance: number, threshold: number): string {
  let digits = 2;
  while (digits < 6 && Number(relevance.toFixed(digits)) >= threshold) digits += 1;
  return `off-topic: relevance ${relevance.toFixed(digits)} is below ${threshold}`;
}
