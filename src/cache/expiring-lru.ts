/**
 * A bounded map for per-client state: at most `capacity` entries, the least recently used forgotten
 * first, and an entry is gone once `expiresAt(value)` has passed (per-window tallies: the window is
 * the TTL). Expired entries at the old end are swept as new ones arrive, so memory follows the
 * clients seen in one window, never all clients ever seen.
 */
export class ExpiringLru<K, V> {
  private readonly entries = new Map<K, V>();
  /** The most recently used key: a hot key read again needs no reordering. */
  private newest: K | undefined;

  constructor(
    private readonly capacity: number,
    private readonly expiresAt: (value: V) => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K, now: number): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    if (this.expiresAt(value) <= now) {
      this.entries.delete(key);
      return undefined;
    }
    if (key !== this.newest) {
      this.entries.delete(key);
      this.entries.set(key, value);
      this.newest = key;
    }
    return value;
  }

  set(key: K, value: V, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.newest = key;
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.sweep(now);
  }

  /** Drops expired entries from the old end; a few per call keeps each call's work bounded. */
  private sweep(now: number): void {
    for (let i = 0; i < 4; i++) {
      const oldest = this.entries.entries().next();
      if (oldest.done || this.expiresAt(oldest.value[1]) > now) return;
      this.entries.delete(oldest.value[0]);
    }
  }
}
