import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedReason, guardedLookup, guardLookup } from '../../../src/news/fetch/address-guard.js';
import { fetchFeed } from '../../../src/news/fetch/fetch-feed.js';
import { FetchError, type FetchOptions } from '../../../src/news/types.js';
import { serve, type TestServer } from './serve.js';

describe('blockedReason', () => {
  it.each([
    ['127.0.0.1', 'loopback address'],
    ['127.255.0.9', 'loopback address'],
    ['::1', 'loopback address'],
    ['0.0.0.0', 'unspecified address'],
    ['0.1.2.3', 'unspecified address'],
    ['::', 'unspecified address'],
    ['10.0.0.1', 'private address'],
    ['172.16.0.1', 'private address'],
    ['172.31.255.255', 'private address'],
    ['192.168.1.1', 'private address'],
    ['fc00::1', 'private address'],
    ['fd12:3456::1', 'private address'],
    ['169.254.169.254', 'link-local address'],
    ['fe80::1', 'link-local address'],
    ['fe80::1%eth0', 'link-local address'],
    ['100.64.0.1', 'carrier-grade NAT address'],
    ['100.127.255.255', 'carrier-grade NAT address'],
    ['224.0.0.1', 'multicast address'],
    ['239.255.255.250', 'multicast address'],
    ['ff02::1', 'multicast address'],
    ['255.255.255.255', 'broadcast address'],
    ['::ffff:127.0.0.1', 'loopback address'],
    ['::ffff:7f00:1', 'loopback address'],
    ['0:0:0:0:0:ffff:7f00:0001', 'loopback address'],
    ['::ffff:10.0.0.1', 'private address'],
    ['::ffff:169.254.169.254', 'link-local address'],
    ['::ffff:100.64.0.1', 'carrier-grade NAT address'],
    ['::127.0.0.1', 'loopback address'],
    ['localhost', 'not an IP address'],
    ['0x7f.1', 'not an IP address'],
    // Issue 19: each range that used to get through.
    ['64:ff9b::a9fe:a9fe', 'NAT64 address of 169.254.169.254 (link-local address)'],
    ['64:ff9b::7f00:1', 'NAT64 address of 127.0.0.1 (loopback address)'],
    ['64:ff9b::10.1.2.3', 'NAT64 address of 10.1.2.3 (private address)'],
    ['64:ff9b:1::a00:1', 'NAT64 local-use address'],
    ['2002:7f00:1::1', '6to4 address of 127.0.0.1 (loopback address)'],
    ['2002:a9fe:a9fe::1', '6to4 address of 169.254.169.254 (link-local address)'],
    ['2002:c0a8:101::1', '6to4 address of 192.168.1.1 (private address)'],
    ['198.18.0.1', 'reserved address'],
    ['198.19.255.254', 'reserved address'],
    ['240.0.0.1', 'reserved address'],
    ['255.255.255.254', 'reserved address'],
    ['192.0.0.8', 'reserved address'],
    ['192.0.0.170', 'reserved address'],
    ['192.0.2.1', 'reserved address'],
    ['198.51.100.1', 'reserved address'],
    ['203.0.113.1', 'reserved address'],
    ['2001:db8::1', 'reserved address'],
    ['3fff::1', 'reserved address'],
    ['2001::1', 'Teredo tunnel address'],
    ['2001:2::1', 'benchmarking address'],
    ['fec0::1', 'site-local address'],
    ['100::1', 'discard-only address'],
    ['::ffff:0:7f00:1', 'IPv4-translated address'],
    ['::8.8.8.8', 'IPv4-compatible address'],
    ['::808:808', 'IPv4-compatible address'],
    ['4000::1', 'not a global unicast address'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(blockedReason(address)).toBe(reason);
  });

  it.each([
    '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2606:4700::1', '::ffff:8.8.8.8',
    // The neighbours of the refused ranges, and the carriers of public IPv4 addresses.
    '198.17.255.255', '198.20.0.1', '239.255.255.255'.replace('239', '223'), '192.0.1.1', '192.1.0.1',
    '64:ff9b::808:808', '2002:808:808::1', '2a00:1450:4001::1', '2001:4860:4860::8888',
  ])(
    'allows %s',
    (address) => {
      expect(blockedReason(address)).toBeNull();
    },
  );
});

describe('guardedLookup', () => {
  const lookup = (hostname: string, all: boolean) =>
    new Promise<string | LookupAddress[]>((resolve, reject) =>
      guardedLookup(hostname, { all }, (err, address) => (err ? reject(err) : resolve(address))),
    );

  it.each([false, true])('refuses what localhost resolves to (all: %s)', async (all) => {
    const err = await lookup('localhost', all).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).code).toBe('BLOCKED_ADDRESS');
    expect((err as FetchError).message).toMatch(/^refused to connect to localhost \((127\.0\.0\.1|::1)\): loopback address$/);
  });

  it('refuses a host whose answer mixes public and private addresses, the public one included', async () => {
    const answers: LookupAddress[] = [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }];
    const mixed = guardLookup((_host, _options, callback) => callback(null, answers));
    const err = await new Promise((resolve) => mixed('feeds.example', { all: true }, (e) => resolve(e)));
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).message).toBe('refused to connect to feeds.example (10.0.0.7): private address');
    const publicOnly = guardLookup((_host, _options, callback) => callback(null, answers.slice(0, 1)));
    expect(await new Promise((resolve) => publicOnly('feeds.example', { all: true }, (e, r) => resolve(e ?? r)))).toEqual(answers.slice(0, 1));
  });

  it('passes a public literal through', async () => {
    expect(await lookup('8.8.8.8', false)).toBe('8.8.8.8');
  });
});

describe('fetchFeed with private networks refused', () => {
  let server: TestServer;
  let hits = 0;
  const options: FetchOptions = { timeoutMs: 5000, maxBytes: 1 << 20, allowPrivateNetworks: false, userAgent: 'test' };

  beforeAll(async () => {
    server = await serve((_req, res) => {
      hits++;
      res.end('<rss/>');
    });
  });
  afterAll(() => server.close());

  async function code(url: string): Promise<FetchError> {
    const err = await fetchFeed({ url }, options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  }

  it('refuses a literal loopback IP', async () => {
    const err = await code(`http://127.0.0.1:${server.port}/`);
    expect(err.code).toBe('BLOCKED_ADDRESS');
    expect(err.message).toBe('refused to connect to 127.0.0.1: loopback address');
  });

  it('refuses IPv6 and IPv4-mapped literals', async () => {
    expect((await code(`http://[::1]:${server.port}/`)).code).toBe('BLOCKED_ADDRESS');
    expect((await code(`http://[::ffff:127.0.0.1]:${server.port}/`)).code).toBe('BLOCKED_ADDRESS');
    // NAT64 and 6to4 carriers of private IPv4 addresses, and reserved IPv4 (issue 19).
    expect((await code(`http://[64:ff9b::a9fe:a9fe]:${server.port}/latest/meta-data/`)).message).toBe(
      'refused to connect to 64:ff9b::a9fe:a9fe: NAT64 address of 169.254.169.254 (link-local address)',
    );
    expect((await code(`http://[2002:7f00:1::1]:${server.port}/`)).code).toBe('BLOCKED_ADDRESS');
    expect((await code(`http://198.18.0.1:${server.port}/`)).code).toBe('BLOCKED_ADDRESS');
  });

  it('refuses a name that resolves to loopback, at connect time', async () => {
    const err = await code(`http://localhost:${server.port}/`);
    expect(err.code).toBe('BLOCKED_ADDRESS');
    expect(err.message).toContain('loopback address');
  });

  it('never reached the server', () => {
    expect(hits).toBe(0);
  });

  it('reaches the same server when private networks are allowed', async () => {
    const outcome = await fetchFeed({ url: `http://localhost:${server.port}/` }, { ...options, allowPrivateNetworks: true });
    expect(outcome.kind).toBe('fetched');
  });
});
