// Memory per client: heap growth after 1,000,000 distinct client addresses pass the rate limiter
// (half IPv4, half IPv6 each in its own /64), beside the same tallies kept in a plain Map, as they
// were before issue 19 (one entry per address, forever). Each in a fresh process with --expose-gc.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clients = 1_000_000;

const script = (mode) => `
const { clientAddress, rateLimitKey } = await import(${JSON.stringify(path.join(root, 'dist/access/client-address.js'))});
const { chargeLocally } = await import(${JSON.stringify(path.join(root, 'dist/access/rate-limit.js'))});
const none = { kind: 'none' };
const address = (i) => i % 2 ? \`10.\${(i >> 16) & 255}.\${(i >> 8) & 255}.\${i & 255}\` : \`2001:db8:\${(i >> 16).toString(16)}:\${(i & 0xffff).toString(16)}::\${(i % 7) + 1}\`;
// Both stay reachable until measured (the tallies are kept per database object).
const db = (globalThis.db = {});
const unbounded = (globalThis.unbounded = new Map());
gc(); gc();
const before = process.memoryUsage().heapUsed;
const now = Date.now();
for (let i = 0; i < ${clients}; i++) {
  const key = 'ip:' + rateLimitKey(clientAddress(address(i), {}, none));
  if (${JSON.stringify(mode)} === 'bounded') chargeLocally(db, key, 1, 5000, 3600, now);
  else unbounded.set(key, { windowStart: now, windowMs: 3600e3, resetAfterNext: new Date(now + 7200e3), resetAtEnd: new Date(now + 3600e3), previous: 0, stored: 0, unflushed: 0, writing: 0, syncedAt: -Infinity, flushing: undefined, written: Promise.resolve() });
}
gc(); gc();
console.log(JSON.stringify({ growth: process.memoryUsage().heapUsed - before, kept: unbounded.size }));
`;

function run(mode) {
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script(mode)], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

export async function clientsBench() {
  const bounded = run('bounded');
  const unbounded = run('unbounded');
  console.log(`clients: heap growth after ${clients.toLocaleString('en')} distinct addresses: ${(bounded.growth / 1e6).toFixed(1)} MB bounded (LRU, window as TTL) vs ${(unbounded.growth / 1e6).toFixed(1)} MB in a plain Map`);
  return [
    {
      figure: `heap growth after ${clients.toLocaleString('en')} distinct client addresses (rate-limit tallies, bounded LRU)`,
      value: Math.max(bounded.growth, 1),
      baseline: unbounded.growth,
      baselineName: 'the same tallies in an unbounded Map, as before issue 19',
      unit: 'bytes',
      target: '≤ 50 MB (issue 19)',
    },
  ];
}
