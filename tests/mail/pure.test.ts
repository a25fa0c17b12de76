import { describe, expect, it } from 'vitest';
import { addressHash, normalizeEmail, redactAddresses } from '../../src/mail/address.js';
import { defaultRetryPolicy, retryAt } from '../../src/mail/delivery/backoff.js';
import { classifyFailure } from '../../src/mail/delivery/classify.js';
import { fillSlots, findSlots } from '../../src/mail/delivery/slots.js';

describe('e-mail addresses', () => {
  it('are stored normalised: trimmed, lower case, the domain in ASCII', () => {
    expect(normalizeEmail('  Ann.Reader+ml@Example.ORG ')).toEqual({ email: 'ann.reader+ml@example.org' });
    expect(normalizeEmail('leser@Bücher.example')).toEqual({ email: 'leser@xn--bcher-kva.example' });
  });

  it.each([
    ['', 'required'],
    ['ann', 'exactly one @'],
    ['ann@@example.org', 'exactly one @'],
    ['a@b@example.org', 'exactly one @'],
    ['@example.org', 'before @'],
    ['.ann@example.org', 'before @'],
    ['an..n@example.org', 'before @'],
    ['"quoted"@example.org', 'before @'],
    ['añn@example.org', 'before @'],
    [`${'a'.repeat(65)}@example.org`, 'before @'],
    ['ann@', 'after @'],
    ['ann@localhost', 'after @'],
    ['ann@127.0.0.1', 'after @'],
    ['ann@-bad.example', 'after @'],
    ['ann@exa mple.org', 'after @'],
    [`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.org`, 'at most 254'],
  ])('refuses %j (%s)', (raw, problem) => {
    const result = normalizeEmail(raw);
    expect('problem' in result && result.problem).toContain(problem);
  });

  it('accepts exactly 254 characters and no more', () => {
    const at254 = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.org`;
    expect(at254).toHaveLength(254);
    expect(normalizeEmail(at254)).toEqual({ email: at254 });
    expect(normalizeEmail(`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.org`)).toHaveProperty('problem');
  });

  it('appear in logs only as a hash', () => {
    expect(addressHash('ann@example.org')).toMatch(/^[0-9a-f]{16}$/);
    const redacted = redactAddresses('550 5.1.1 <Ann@Example.org>: no such user (ann@example.org)');
    expect(redacted).not.toMatch(/ann@/i);
    expect(redacted).toContain(addressHash('ann@example.org'));
  });
});

describe('the retry schedule', () => {
  const now = new Date('2026-11-27T06:00:00Z');
  const after = (attempts: number) => {
    const at = retryAt(attempts, now);
    return at && (at.getTime() - now.getTime()) / 60_000;
  };

  it('doubles from a minute, is capped at an hour, and stops after ten attempts', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(after)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(after(10)).toBeUndefined();
    expect(defaultRetryPolicy.maxAttempts).toBe(10);
  });
});

describe('what a failed send means', () => {
  const smtp = (responseCode: number, command: string) => Object.assign(new Error(`${responseCode} refused <ann@example.org>`), { responseCode, command, response: `${responseCode} 5.1.1 <ann@example.org> refused` });

  it('a 5xx to RCPT TO or DATA is a bounce; a 4xx or no reply at all is retried', () => {
    expect(classifyFailure(smtp(550, 'RCPT TO'))).toMatchObject({ kind: 'bounce', code: 550 });
    expect(classifyFailure(smtp(554, 'DATA'))).toMatchObject({ kind: 'bounce', code: 554 });
    expect(classifyFailure(smtp(451, 'RCPT TO'))).toMatchObject({ kind: 'retry', code: 451 });
    expect(classifyFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toMatchObject({ kind: 'retry', code: undefined });
  });

  it("a 5xx about our own setup (login, MAIL FROM) or 503 is not the reader's bounce", () => {
    expect(classifyFailure(smtp(535, 'AUTH PLAIN'))).toMatchObject({ kind: 'retry' });
    expect(classifyFailure(smtp(550, 'MAIL FROM'))).toMatchObject({ kind: 'retry' });
    expect(classifyFailure(smtp(503, 'RCPT TO'))).toMatchObject({ kind: 'retry' });
  });

  it('keeps no address in what it records', () => {
    expect(classifyFailure(smtp(550, 'RCPT TO')).message).not.toContain('ann@example.org');
  });
});

describe('slots in quoted-printable bytes', () => {
  it('finds a placeholder across soft line breaks and fills it in place', () => {
    const raw = Buffer.from('href=3D"https://x.example/u?token=3DSLOTSL=\r\nOTSLOT" and again SLOTSLOTSLOT.\r\n');
    const slots = findSlots(raw, 'SLOTSLOTSLOT');
    expect(slots).toHaveLength(2);
    fillSlots(raw, slots, 'abcdefghijkl');
    expect(raw.toString()).toBe('href=3D"https://x.example/u?token=3Dabcdef=\r\nghijkl" and again abcdefghijkl.\r\n');
  });

  it('does not match a near miss', () => {
    expect(findSlots(Buffer.from('SLOTSLOT=\r\nSLOX SLOTSLOTSLO'), 'SLOTSLOTSLOT')).toEqual([]);
  });
});
