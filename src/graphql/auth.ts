import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../shared/errors.js';

export type AdminAccess = 'granted' | 'missing' | 'wrong' | 'disabled';

/** Compares digests in constant time, so response timing says nothing about the token. */
export function adminAccess(authorization: string | undefined, adminToken: string | undefined): AdminAccess {
  if (!adminToken) return 'disabled';
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  if (!match) return 'missing';
  const given = createHash('sha256').update(match[1]!).digest();
  const expected = createHash('sha256').update(adminToken).digest();
  return timingSafeEqual(given, expected) ? 'granted' : 'wrong';
}

export function requireAdmin(access: AdminAccess): void {
  if (access === 'granted') return;
  if (access === 'missing') throw new AppError('UNAUTHENTICATED', 'admin mutations need Authorization: Bearer <ADMIN_TOKEN>');
  if (access === 'disabled') throw new AppError('FORBIDDEN', 'admin mutations are disabled on this server (ADMIN_TOKEN is not set)');
  throw new AppError('FORBIDDEN', 'the admin token is not valid');
}
