import ipaddr from 'ipaddr.js';

export type Subnet = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Which reverse proxies' forwarding headers are believed (TRUST_PROXY): none, the nearest `hops`
 * whoever they are, or those whose address falls in one of `subnets`.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'subnets'; subnets: Subnet[] };

/** Parses TRUST_PROXY: unset or "0" trusts nobody; a whole number is a hop count; else addresses/CIDRs. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0') return { kind: 'none' };
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) };
  const subnets = text.split(',').map((part) => subnetOf(part.trim()));
  return { kind: 'subnets', subnets };
}

function subnetOf(entry: string): Subnet {
  try {
    if (entry.includes('/')) {
      const [address, bits] = ipaddr.parseCIDR(entry);
      return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96
        ? [(address as ipaddr.IPv6).toIPv4Address(), bits - 96]
        : [address, bits];
    }
    const address = ipaddr.process(entry);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    throw new Error(`"${entry}" is neither a hop count nor an IP address or CIDR (e.g. 1, or 10.0.0.0/8,::1)`);
  }
}

/** The problem with a TRUST_PROXY value, for the start-up check; undefined when it parses. */
export function trustProxyProblem(value: string): string | undefined {
  try {
    parseTrustProxy(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
