/** The held-out part of the labelled set: a fixed quarter chosen by a hash of the title, never trained on. */
export const HELD_OUT_PERCENT = 25;

/** 32-bit FNV-1a over the title's UTF-8 bytes: stable across runs, platforms and label changes. */
export function titleHash(title: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(title.trim().toLowerCase())) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function isHeldOut(title: string): boolean {
  return titleHash(title) % 100 < HELD_OUT_PERCENT;
}
