// C0 controls other than tab/LF/CR, DEL and C1 controls, U+FFFE/U+FFFF and lone surrogates:
// XML 1.0 forbids most of them outright (even as references) and none belongs in a headline.
const UNWANTED_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Removes characters that would make XML invalid or HTML ambiguous. */
export function cleanText(text: string): string {
  return text.replace(UNWANTED_CHARS, '');
}

/** Text made safe for XML and HTML alike, in element content and in quoted attributes. */
export function escapeMarkup(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** Text on one line: unwanted characters gone, whitespace runs collapsed. */
export function oneLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

/**
 * The URL if it is an absolute http(s) URL (serialized by the WHATWG parser, so it carries no
 * spaces or quotes), else null: content from outside feeds must never yield a javascript: link.
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
