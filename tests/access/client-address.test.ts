import { describe, expect, it } from 'vitest';
import { clientAddress, rateLimitKey } from '../../src/access/client-address.js';
import { parseTrustProxy } from '../../src/config/trust-proxy.js';
import { loadConfig } from '../../src/config/env.js';

const none = parseTrustProxy(undefined);
const oneHop = parseTrustProxy('1');
const twoHops = parseTrustProxy('2');
const proxies = parseTrustProxy('10.0.0.0/8, ::1');

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever the headers say', () => {
    expect(clientAddress('203.0.113.9', { 'x-forwarded-for': '198.51.100.1' }, none)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', {}, none)).toBe('203.0.113.9');
    expect(clientAddress('2001:DB8::0:1', {}, none)).toBe('2001:db8::1');
    expect(clientAddress(undefined, {}, none)).toBe('unknown');
  });

  it('with a hop count, takes the address that many proxies back, never further', () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.1.1.1' };
    expect(clientAddress('10.0.0.2', headers, oneHop)).toBe('10.1.1.1');
    expect(clientAddress('10.0.0.2', headers, twoHops)).toBe('198.51.100.7');
    // A request that came past the proxy, with no header: the peer itself.
    expect(clientAddress('10.0.0.2', {}, oneHop)).toBe('10.0.0.2');
    // More hops trusted than there are: the leftmost, the client as the first proxy saw it.
    expect(clientAddress('10.0.0.2', { 'x-forwarded-for': '198.51.100.7' }, twoHops)).toBe('198.51.100.7');
  });

  it('with addresses, walks back through trusted proxies only: a forged entry behind an untrusted hop is ignored', () => {
    expect(clientAddress('10.0.0.2', { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.3.3.3' }, proxies)).toBe('198.51.100.7');
    // The peer is not a trusted proxy: its header is not believed.
    expect(clientAddress('192.0.2.50', { 'x-forwarded-for': '198.51.100.7' }, proxies)).toBe('192.0.2.50');
    expect(clientAddress('::1', { 'x-forwarded-for': '[2001:db8::5]:4431' }, proxies)).toBe('2001:db8::5');
    expect(clientAddress('::ffff:10.0.0.2', { 'x-forwarded-for': '198.51.100.7:5555' }, proxies)).toBe('198.51.100.7');
  });

  it('reads Forwarded (RFC 7239) when there is no X-Forwarded-For', () => {
    const forwarded = 'for=6.6.6.6;proto=https, for="[2001:db8:cafe::17]:4711";by=10.0.0.2';
    expect(clientAddress('10.0.0.2', { forwarded }, oneHop)).toBe('2001:db8:cafe::17');
    expect(clientAddress('10.0.0.2', { forwarded, 'x-forwarded-for': '198.51.100.7' }, oneHop)).toBe('198.51.100.7');
  });

  it('stops at an entry that is not an address: the hop that passed it on is the client', () => {
    expect(clientAddress('10.0.0.2', { 'x-forwarded-for': 'unknown' }, oneHop)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', { forwarded: 'for=_hidden' }, oneHop)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', { 'x-forwarded-for': '198.51.100.7, 0x7f.1' }, twoHops)).toBe('10.0.0.2');
  });
});

describe('rateLimitKey', () => {
  it('counts IPv4 clients by address and IPv6 clients by their /64', () => {
    expect(rateLimitKey('203.0.113.9')).toBe('203.0.113.9');
    expect(rateLimitKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(rateLimitKey('unknown')).toBe('unknown');
  });
});

describe('TRUST_PROXY', () => {
  it('is a hop count or a list of addresses and CIDRs, checked at start-up', () => {
    expect(parseTrustProxy('0')).toEqual({ kind: 'none' });
    expect(parseTrustProxy('3')).toEqual({ kind: 'hops', hops: 3 });
    expect(parseTrustProxy('10.0.0.0/8,fd00::/8, 192.0.2.1')).toMatchObject({ kind: 'subnets' });
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY .*"proxy.internal"/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });
});
