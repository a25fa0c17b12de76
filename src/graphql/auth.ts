import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../shared/errors.js';

export type AdminAccess = 'granted' | 'missing' | 'wrong' | 'disabled';

/** Compares digests in constant time, so response timing says nothing about the token. */
export function adminAccess(authorization: string | undefined, adminToken: string | undefined): AdminAccess {
  if (!adminToken) return 'disabled';
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  if (!match) return 'missing';
  const given = createHash('sha256').update(match[1]!).digest();
  return timingSafeEqual(given, digestOf(adminToken)) ? 'granted' : 'wrong';
}

let expected: { token: string; digest: Buffer } | undefined;

/** The admin token's digest, computed once (the token is fixed for the life of the process). */
function digestOf(token: string): Buffer {
  if (expected?.token !== token) expected = { token, digest: createHash('sha256').update(token).digest() };
  return expected.digest;
}

export function requireAdmin(access: AdminAccess): void {
  if (access === 'granted') return;
  if (access === 'missing') throw new AppError('UNAUTHENTICATED', 'admin mutations need Authorization: Bearer <ADMIN_TOKEN>');
  if (access === 'disabled') throw new AppError('FORBIDDEN', 'admin mutations are disabled on this server (ADMIN_TOKEN is not set)');
  throw new AppError('FORBIDDEN', 'the admin token is not valid');
}
