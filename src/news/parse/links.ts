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
