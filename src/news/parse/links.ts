/** Resolves a possibly relative reference; null when there is nothing usable. */
export function resolveUrl(ref: string | null | undefined, base: string | null): string | null {
  const value = ref?.trim();
  if (!value) return null;
  try {
    return new URL(value, base ?? undefined).href;
  } catch {
    return null;
  }
}

/** A base URL for children: an element's xml:base resolved against its parent's base. */
export function childBase(xmlBase: unknown, parent: string | null): string | null {
  return typeof xmlBase === 'string' ? (resolveUrl(xmlBase, parent) ?? parent) : parent;
}

/** href, src and the like in HTML tags, with the value double-, single- or un-quoted. */
const URL_ATTRIBUTE =
  /(<[A-Za-z][\w:-]*\b[^<>]*?\s(?:href|src|cite|poster|longdesc|background|action)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'<>=`]+))/gi;

/**
 * Resolves the relative URLs inside a fragment of feed HTML (href, src and similar attributes)
 * against the base in force where the fragment sits (xml:base, else the feed link or URL), which
 * later stages no longer know. Absolute URLs, in-page anchors and values that do not parse are
 * left as they are; nothing else in the HTML changes.
 */
export function resolveHtmlUrls(html: string, base: string | null): string {
  if (!base || !html.includes('<')) return html;
  return html.replace(URL_ATTRIBUTE, (whole, head: string, dq?: string, sq?: string, bare?: string) => {
    const value = dq ?? sq ?? bare ?? '';
    const trimmed = value.trim();
    if (!trimmed || trimmed.startsWith('#') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(trimmed)) return whole;
    // Attribute values are HTML: decode the entities a URL may carry before resolving.
    const decoded = trimmed.replace(/&amp;/gi, '&').replace(/&#0*38;|&#x0*26;/gi, '&');
    const absolute = resolveUrl(decoded, base);
    if (!absolute) return whole;
    return `${head}"${absolute.replace(/&/g, '&amp;').replace(/"/g, '%22')}"`;
  });
}
