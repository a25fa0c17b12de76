import dns, { type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { FetchError } from '../types.js';

/** IPv4 ranges (ipaddr.js names) a feed may live on: globally routable unicast and anycast. */
const PUBLIC_V4 = new Set(['unicast', 'amt', 'as112']);
/** Within 2000::/3, the global unicast space, the ranges that are globally routable. */
const PUBLIC_V6 = new Set(['unicast', 'amt', 'as112v6']);
const GLOBAL_UNICAST_V6: [ipaddr.IPv6, number] = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];
/** NAT64's well-known prefix (RFC 6052) reaches the IPv4 address in its last 32 bits. */
const NAT64: [ipaddr.IPv6, number] = ipaddr.parseCIDR('64:ff9b::/96') as [ipaddr.IPv6, number];

/** Words for ipaddr.js's range names in refusals. */
const REASONS: Record<string, string> = {
  loopback: 'loopback address',
  unspecified: 'unspecified address',
  private: 'private address',
  uniqueLocal: 'private address',
  linkLocal: 'link-local address',
  carrierGradeNat: 'carrier-grade NAT address',
  multicast: 'multicast address',
  broadcast: 'broadcast address',
  reserved: 'reserved address',
  benchmarking: 'benchmarking address',
  teredo: 'Teredo tunnel address',
  rfc6052: 'NAT64 local-use address',
  rfc6145: 'IPv4-translated address',
  deprecatedSiteLocal: 'site-local address',
  discard: 'discard-only address',
  deprecatedOrchid: 'ORCHID address',
  orchid2: 'ORCHID address',
  droneRemoteIdProtocolEntityTags: 'drone identifier address',
  segmentRouting: 'segment-routing address',
};

/**
 * Why connecting to `address` is refused, or null when it is globally routable unicast (the
 * IANA special-purpose registries, as ipaddr.js keeps them). An IPv6 address that carries an IPv4
 * one and reaches it (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged by
 * that IPv4 address; anything outside 2000::/3 is refused. Not an IP address at all: refused too.
 */
export function blockedReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address.includes(':') && address.includes('.') ? hexForm(address) : address);
  // Only the four-part decimal IPv4 form is what a resolver answers; "0x7f.1" is no address to us.
  if (parsed.kind() === 'ipv4') return ipaddr.IPv4.isValidFourPartDecimal(address) ? v4Reason(parsed as ipaddr.IPv4) : 'not an IP address';
  return v6Reason(parsed as ipaddr.IPv6);
}

function v4Reason(address: ipaddr.IPv4): string | null {
  const range = address.range();
  return PUBLIC_V4.has(range) ? null : (REASONS[range] ?? `${range} address`);
}

function v6Reason(address: ipaddr.IPv6): string | null {
  const range = address.range();
  if (range === 'ipv4Mapped') return v4Reason(address.toIPv4Address());
  if (address.match(NAT64)) return carried('NAT64', embedded(address, 6));
  if (range === '6to4') return carried('6to4', embedded(address, 1));
  if (range === 'unicast' && !address.match(GLOBAL_UNICAST_V6)) {
    // ::a.b.c.d, the deprecated IPv4-compatible form, still names that IPv4 host to some stacks.
    const compatible = address.parts.slice(0, 6).every((p) => p === 0);
    return compatible ? (v4Reason(embedded(address, 6)) ?? 'IPv4-compatible address') : 'not a global unicast address';
  }
  return PUBLIC_V6.has(range) ? null : (REASONS[range] ?? `${range} address`);
}

/**
 * ipaddr.js reads any dotted tail as IPv4-mapped (::8.8.8.8 as ::ffff:8.8.8.8); the WHATWG URL
 * parser writes the tail as the two hex groups it is, as every stack connecting to it does.
 */
function hexForm(ipv6: string): string {
  const zone = ipv6.indexOf('%');
  const bare = zone === -1 ? ipv6 : ipv6.slice(0, zone);
  return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
}

/** The IPv4 address in two 16-bit groups of an IPv6 address, starting at group `at`. */
function embedded(address: ipaddr.IPv6, at: number): ipaddr.IPv4 {
  const [high, low] = [address.parts[at]!, address.parts[at + 1]!];
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function carried(kind: string, ipv4: ipaddr.IPv4): string | null {
  const reason = v4Reason(ipv4);
  return reason === null ? null : `${kind} address of ${ipv4.toString()} (${reason})`;
}

export function blockedAddressError(host: string, address: string, reason: string): FetchError {
  const target = host === address ? address : `${host} (${address})`;
  return new FetchError('BLOCKED_ADDRESS', `refused to connect to ${target}: ${reason}`);
}

/**
 * A host is refused when any address it resolves to is refused: a name that answers with a public
 * and a private address is how DNS-rebinding attacks are staged, so the public one is not used
 * either. Returns the error, or null when every answer is public.
 */
export function screenAnswers(hostname: string, answers: readonly string[]): FetchError | null {
  for (const address of answers) {
    const reason = blockedReason(address);
    if (reason !== null) return blockedAddressError(hostname, address, reason);
  }
  return null;
}

type Resolve = (hostname: string, options: dns.LookupOptions, callback: (err: NodeJS.ErrnoException | null, result: string | LookupAddress[], family?: number) => void) => void;

/** A lookup that screens the answers of `resolve` (dns.lookup unless given). */
export function guardLookup(resolve: Resolve = dns.lookup as Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options, (err, result, family) => {
      if (err) return callback(err, result as string, family as number);
      const answers = Array.isArray(result) ? result.map((a) => a.address) : [result];
      const refused = screenAnswers(hostname, answers);
      if (refused) return callback(refused, result as string, family as number);
      (callback as (e: null, r: string | LookupAddress[], f?: number) => void)(null, result, family);
    });
  };
}

/**
 * A dns.lookup that refuses blocked answers. Given to http.request as `lookup`, it runs at connect
 * time on every hop, so the address checked is the address connected to (no DNS-rebinding window).
 */
export const guardedLookup: LookupFunction = guardLookup();
