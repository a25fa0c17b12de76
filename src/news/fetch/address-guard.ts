import dns from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { FetchError } from '../types.js';

function subnets(list: Array<[string, number]>): BlockList {
  const blocks = new BlockList();
  for (const [network, prefix] of list) blocks.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4');
  return blocks;
}

/** Checked in order; the first match names the reason. */
const RULES: Array<{ reason: string; blocks: BlockList }> = [
  { reason: 'loopback address', blocks: subnets([['127.0.0.0', 8], ['::1', 128]]) },
  { reason: 'unspecified address', blocks: subnets([['0.0.0.0', 8], ['::', 128]]) },
  { reason: 'private address', blocks: subnets([['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['fc00::', 7]]) },
  { reason: 'link-local address', blocks: subnets([['169.254.0.0', 16], ['fe80::', 10]]) },
  { reason: 'carrier-grade NAT address', blocks: subnets([['100.64.0.0', 10]]) },
  { reason: 'multicast address', blocks: subnets([['224.0.0.0', 4], ['ff00::', 8]]) },
  { reason: 'broadcast address', blocks: subnets([['255.255.255.255', 32]]) },
];

/**
 * An IPv6 address that carries an IPv4 one (::ffff:a.b.c.d mapped, ::a.b.c.d compatible) reaches
 * that IPv4 host, so it is judged as the IPv4 address. The WHATWG URL parser canonicalises every
 * spelling (dotted, hex, zero-padded) to the same compressed hex form, which keeps the match simple.
 */
function embeddedIPv4(ipv6: string): string | null {
  const canonical = new URL(`http://[${ipv6}]/`).hostname;
  const match = /^\[::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(canonical);
  if (!match) return null;
  const high = parseInt(match[1]!, 16);
  const low = parseInt(match[2]!, 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** Why connecting to `address` is refused, or null when it is a public unicast address. */
export function blockedReason(address: string): string | null {
  const bare = address.replace(/%.*$/, ''); // an IPv6 zone id ("fe80::1%eth0") is not part of the address
  const family = isIP(bare);
  if (family === 0) return 'not an IP address'; // fail closed
  const type = family === 6 ? 'ipv6' : 'ipv4';
  for (const rule of RULES) if (rule.blocks.check(bare, type)) return rule.reason;
  if (family === 6) {
    const ipv4 = embeddedIPv4(bare);
    if (ipv4 !== null) return blockedReason(ipv4);
  }
  return null;
}

export function blockedAddressError(host: string, address: string, reason: string): FetchError {
  const target = host === address ? address : `${host} (${address})`;
  return new FetchError('BLOCKED_ADDRESS', `refused to connect to ${target}: ${reason}`);
}

/**
 * A dns.lookup that refuses blocked answers. Given to http.request as `lookup`, it runs at connect
 * time on every hop, so the address checked is the address connected to (no DNS-rebinding window).
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, options, (err, result, family) => {
    if (err) return callback(err, result, family);
    const answers = Array.isArray(result) ? result.map((a) => a.address) : [result];
    for (const address of answers) {
      const reason = blockedReason(address);
      // One bad answer refuses the host: a mixed answer is how rebinding attacks are staged.
      if (reason !== null) return callback(blockedAddressError(hostname, address, reason), result, family);
    }
    callback(null, result, family);
  });
};
