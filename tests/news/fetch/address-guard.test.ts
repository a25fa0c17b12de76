import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedReason, guardedLookup } from '../../../src/news/fetch/address-guard.js';
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
  ])('refuses %s (%s)', (address, reason) => {
    expect(blockedReason(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2606:4700::1', '::ffff:8.8.8.8'])(
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
