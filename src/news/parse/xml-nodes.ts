/** Readers for the objects xml2js builds (via rss-parser): text in `_`, attributes in `$`. */

export function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

export function attr(node: unknown, name: string): string | null {
  if (!node || typeof node !== 'object') return null;
  const value = (node as { $?: Record<string, unknown> }).$?.[name];
  return typeof value === 'string' ? value : null;
}

/** The text of an element; for mixed content (an XHTML title), its text nodes joined. */
export function text(node: unknown): string | null {
  const parts: string[] = [];
  collect(first(node), parts);
  const joined = parts.join(' ').replace(/\s+/g, ' ').trim();
  return joined || null;
}

function collect(node: unknown, parts: string[]): void {
  if (typeof node === 'string') parts.push(node);
  else if (Array.isArray(node)) node.forEach((child) => collect(child, parts));
  else if (node && typeof node === 'object') {
    for (const [key, child] of Object.entries(node)) if (key !== '$') collect(child, parts);
  }
}

/** A string field as rss-parser left it (string, or a node when the element had attributes). */
export function str(value: unknown): string | null {
  const node = first(value);
  const raw = typeof node === 'string' ? node : typeof (node as { _?: unknown } | null)?._ === 'string' ? (node as { _: string })._ : null;
  const trimmed = raw?.trim();
  return trimmed ? trimmed : null;
}
