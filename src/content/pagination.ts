import { badInput } from '../shared/errors.js';

/** Relay paging: `first` is 1–100 everywhere (shared/PRODUCT.md), cursors are opaque. */
export const maxPageSize = 100;

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > maxPageSize) {
    throw badInput(`first must be between 1 and ${maxPageSize}, got ${n}`);
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

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
}

/** Queries fetch one row more than asked; its presence is `hasNextPage`. */
export function toPage<T>(rows: T[], size: number): Page<T> {
  return { rows: rows.slice(0, size), hasNextPage: rows.length > size };
}
