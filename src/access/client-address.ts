import type { IncomingHttpHeaders } from 'node:http';
import ipaddr from 'ipaddr.js';
import type { TrustProxy } from '../config/trust-proxy.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Where a request comes from: the socket's peer, unless that peer is a trusted proxy (TRUST_PROXY),
 * in which case the address it forwarded, walking back through trusted proxies only. The walk
 * stops at the first untrusted hop, so what a client writes into the headers itself is never
 * believed; an entry that is not an address stops it too (the hop that passed it on is the
 * client then). Proxies are read from X-Forwarded-For, or from Forwarded (RFC 7239) when a
 * request has no X-Forwarded-For.
 */
export function clientAddress(peer: string | undefined, headers: IncomingHttpHeaders, trust: TrustProxy): string {
  if (trust.kind === 'none' && peer !== undefined && !peer.includes(':')) return peer; // the usual IPv4 peer, as is
  let current = parseAddress(peer);
  if (!current) return 'unknown';
  if (trust.kind !== 'none') {
    const hops = forwardedFor(headers);
    for (let i = 0; i < hops.length && trusts(trust, current, i); i++) {
      const next = parseAddress(hops[i]);
      if (!next) break;
      current = next;
    }
  }
  return show(current);
}

/**
 * The key an anonymous client's rate limit is counted under: the IPv4 address, or the /64 an
 * IPv6 address belongs to (one subscriber's network: rotating addresses inside it is free).
 */
export function rateLimitKey(address: string): string {
  if (!address.includes(':')) return address;
  const parsed = parseAddress(address);
  if (!parsed || parsed.kind() === 'ipv4') return parsed ? show(parsed) : address;
  const parts = (parsed as ipaddr.IPv6).parts;
  return `${show(new ipaddr.IPv6([...parts.slice(0, 4), 0, 0, 0, 0]))}/64`;
}

function trusts(trust: TrustProxy, address: Address, hop: number): boolean {
  if (trust.kind === 'hops') return hop < trust.hops;
  if (trust.kind === 'none') return false;
  return trust.subnets.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

/** The forwarded addresses, nearest hop first (each proxy appends the address it was reached from). */
function forwardedFor(headers: IncomingHttpHeaders): string[] {
  const xff = headers['x-forwarded-for'];
  if (xff !== undefined) return (Array.isArray(xff) ? xff.join(',') : xff).split(',').map((s) => s.trim()).reverse();
  const forwarded = headers.forwarded;
  if (forwarded === undefined) return [];
  return forwarded
    .split(',')
    .map((element) => /(?:^|;)\s*for\s*=\s*("[^"]*"|[^;]*)/i.exec(element)?.[1]?.trim().replace(/^"|"$/g, '') ?? '')
    .reverse();
}

/** An address as found in a socket or a header: bare, "[v6]:port", "[v6]" or "v4:port"; IPv4-mapped IPv6 is IPv4. */
function parseAddress(text: string | undefined): Address | undefined {
  if (!text) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text);
  const bare = bracketed?.[1] ?? v4WithPort?.[1] ?? text;
  if (!ipaddr.isValid(bare)) return undefined;
  const address = ipaddr.process(bare);
  // Only the four-part decimal IPv4 form: "1" or "0x7f.1" are not addresses a proxy writes.
  if (address.kind() === 'ipv4' && !bare.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(bare)) return undefined;
  return address;
}

function show(address: Address): string {
  return address.kind() === 'ipv6' ? (address as ipaddr.IPv6).toRFC5952String() : address.toString();
}
