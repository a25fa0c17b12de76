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
  return issueTokens(1)[0]!;
}

/** `count` tokens from one read of the random source (a batch of messages needs one each). */
export function issueTokens(count: number): IssuedToken[] {
  const random = randomBytes(32 * count);
  return Array.from({ length: count }, (_, i) => {
    const token = random.subarray(32 * i, 32 * i + 32).toString('base64url');
    return { token, hash: hashToken(token) };
  });
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A string that could be a token we issued; anything else is refused without a database lookup. */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && tokenShape.test(value);
}
