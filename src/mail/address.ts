import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { z } from 'zod';

/** RFC 5321's path limit: 256 octets with the angle brackets. */
export const maxAddressLength = 254;
const maxLocalLength = 64;
// Dot-atom text of RFC 5322: quoted local parts and comments are refused (no reader needs them).
const localPart = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const topLabel = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * The address as stored and compared: trimmed, lower-cased, the domain in its ASCII (punycode)
 * form. Lower-casing the local part merges what every large provider treats as one mailbox, so one
 * person cannot be subscribed twice as Ann@ and ann@. Returns the reason when it is not an address.
 */
export function normalizeEmail(raw: string): { email: string } | { problem: string } {
  const text = raw.trim();
  if (text.length === 0) return { problem: 'an e-mail address is required' };
  if (text.length > maxAddressLength) return { problem: `an e-mail address has at most ${maxAddressLength} characters` };
  const parts = text.split('@');
  if (parts.length !== 2) return { problem: 'an e-mail address has exactly one @' };
  const [local, domain] = parts as [string, string];
  if (!local || local.length > maxLocalLength || !localPart.test(local)) {
    return { problem: `the part before @ must be 1–${maxLocalLength} letters, digits or .!#$%&'*+/=?^_\`{|}~- (no spaces, no dot at either end)` };
  }
  const ascii = domain ? domainToASCII(domain).toLowerCase() : '';
  const labels = ascii.split('.');
  if (!ascii || ascii.length > 253 || labels.length < 2 || !labels.every((l) => label.test(l)) || !topLabel.test(labels.at(-1)!)) {
    return { problem: 'the part after @ must be a domain name such as example.org' };
  }
  const email = `${local.toLowerCase()}@${ascii}`;
  if (email.length > maxAddressLength) return { problem: `an e-mail address has at most ${maxAddressLength} characters` };
  return { email };
}

/** Where an address enters (HTTP forms and JSON, GraphQL, the CLI): a normalised address or a clear issue. */
export const emailAddress = z.string({ error: 'email must be a string' }).transform((raw, ctx) => {
  const result = normalizeEmail(raw);
  if ('email' in result) return result.email;
  ctx.addIssue({ code: 'custom', message: result.problem });
  return z.NEVER;
});

/** What logs carry instead of an address: the same address always gives the same short hash. */
export function addressHash(email: string): string {
  return createHash('sha256').update(email).digest('hex').slice(0, 16);
}

const anyAddress = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/g;

/** Text from a mail server (which often quotes the recipient) with every address replaced by its hash. */
export function redactAddresses(text: string): string {
  return text.replace(anyAddress, (found) => `[address ${addressHash(found.toLowerCase())}]`);
}

/** An error fit for the log: its message and stack with every address replaced by its hash. */
export function redactError(error: unknown): { type: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: redactAddresses(String(error)) };
  return { type: error.name, message: redactAddresses(error.message), ...(error.stack ? { stack: redactAddresses(error.stack) } : {}) };
}
