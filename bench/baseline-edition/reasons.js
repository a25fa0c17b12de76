/** "A", "A and B", "A, B and C"; past `max` items, "A, B and 3 more". */
export function listInWords(items, max = Number.POSITIVE_INFINITY) {
    const shown = items.length > max ? [...items.slice(0, max), `${items.length - max} more`] : [...items];
    if (shown.length <= 1)
        return shown.join('');
    return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
export function coverageReason(sourceNames) {
    const noun = sourceNames.length === 1 ? 'source' : 'sources';
    return `covered by ${sourceNames.length} ${noun}: ${listInWords(sourceNames)}`;
}
export function weightReason(sourceName, weight) {
    return `from ${sourceName}, weight ${weight}`;
}
export function conceptsReason(conceptNames) {
    return `mentions ${listInWords(conceptNames, 5)}`;
}
export function keywordsReason(keywords) {
    return `about machine learning (mentions: ${keywords.join(', ')})`;
}
export function ageReason(ageMs) {
    const hours = Math.floor(ageMs / 3_600_000);
    if (hours < 1)
        return 'published less than an hour before the edition';
    if (hours < 48)
        return `published ${hours} ${hours === 1 ? 'hour' : 'hours'} before the edition`;
    return `published ${Math.floor(hours / 24)} days before the edition`;
}
//# sourceMappingURL=reasons.js.map