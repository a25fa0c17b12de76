import { badInput } from '../shared/errors.js';

/** Relay paging: `first`/`last` are 1–100 everywhere (shared/PRODUCT.md), cursors are opaque. */
export const maxPageSize = 100;

export function pageSize(first: number | null | undefined, fallback = 20, argument = 'first'): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > maxPageSize) {
    throw badInput(`${argument} must be between 1 and ${maxPageSize}, got ${n}`);
  }
  return n;
}

export function encodeCursor(key: string): string {
  return Buffer.from(`cursor:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, argument = 'after'): string | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('cursor:')) throw badInput(`${argument} is not a cursor this API returned`);
  return decoded.slice('cursor:'.length);
}

/**
 * Which rows a connection asks for, in the connection's own order: `size` rows after `after` and
 * before `before` (keys decoded from the cursors), the first of them, or the last when `backward`
 * (`last`). Queries fetch `size + 1` rows, in reverse order when backward, and hand them to toPage.
 */
export interface Window<K = string> {
  size: number;
  after?: K | undefined;
  before?: K | undefined;
  backward: boolean;
}

export interface PagingArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

/**
 * The window of Relay arguments: `last` pages backward (a `first` default from the SDL is then
 * ignored); `first` with `last` was refused before execution (limits/arguments.ts).
 */
export function windowOf(args: PagingArgs, fallback = 20): Window {
  const backward = args.last !== null && args.last !== undefined;
  return {
    size: backward ? pageSize(args.last, fallback, 'last') : pageSize(args.first, fallback),
    after: decodeCursor(args.after, 'after'),
    before: decodeCursor(args.before, 'before'),
    backward,
  };
}

/** A window whose cursor keys are parsed (`parse` answers undefined for a key this API never made). */
export function parsedWindow<K>(window: Window, parse: (key: string) => K | undefined): Window<K> {
  const keyOf = (key: string | undefined, argument: string) => {
    if (key === undefined) return undefined;
    const parsed = parse(key);
    if (parsed === undefined) throw badInput(`${argument} is not a cursor this API returned`);
    return parsed;
  };
  return { ...window, after: keyOf(window.after, 'after'), before: keyOf(window.before, 'before') };
}

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * Queries fetch one row more than asked, in fetch order (reversed when paging backward); its
 * presence says another page follows in that direction. The other direction has rows when a
 * cursor bounds the page there (the row it names, at least). A number is a forward window.
 */
export function toPage<T>(rows: T[], window: number | Window<unknown>): Page<T> {
  const w = typeof window === 'number' ? { size: window, backward: false, after: undefined, before: undefined } : window;
  const more = rows.length > w.size;
  const page = rows.slice(0, w.size);
  if (!w.backward) return { rows: page, hasNextPage: more, hasPreviousPage: w.after !== undefined };
  return { rows: page.reverse(), hasNextPage: w.before !== undefined, hasPreviousPage: more };
}
