import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits as base64url: 43 characters that need no escaping in a URL or a mail header. */
export const tokenLength = 43;
const tokenShape = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedToken {
  /** Goes into the link, never into the database. */
  token: string;
  /** Goes into the database. */
  hash: string;
}

export function issueToken(): IssuedToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A string that could be a token we issued; anything else is refused without a database lookup. */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && tokenShape.test(value);
}
