import { setImmediate as turn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargeRateLimit, flushIntervalMs } from '../../src/access/rate-limit.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

describe(`rate-limit charges on ${backend}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('counts every charge exactly within a process, also while a batch of charges is being written', async () => {
    // Charges granted locally are written in batches every flushIntervalMs; yielding to the event
    // loop between charges lets those writes run, so some charges land while one is in flight.
    const cost = 3;
    const limit = 1_000_000;
    // A window far longer than the test, so it cannot roll over in the middle of it.
    const windowSeconds = 1_000_000_000;
    let expected = limit;
    const until = performance.now() + 4 * flushIntervalMs;
    let n = 0;
    while (performance.now() < until) {
      const state = await chargeRateLimit(database.db, 'test:exact', cost, limit, windowSeconds, new Date());
      expected -= cost;
      expect([n, state.allowed, state.remaining]).toEqual([n, true, expected]);
      n++;
      await turn();
    }
    expect(n).toBeGreaterThan(50);
  });

  // A bucket's first charge, and its first after 2 × flushIntervalMs of quiet, is decided by one
  // statement in the database (an insert, then an upsert): both grant a charge that uses up the
  // limit exactly, and refuse the next point.
  it('grants in the database a first charge that uses the whole limit, and refuses the next point', async () => {
    const window = 1_000_000_000;
    const first = await chargeRateLimit(database.db, 'test:edge-insert', 3, 3, window, new Date());
    expect([first.allowed, first.remaining]).toEqual([true, 0]);
    const next = await chargeRateLimit(database.db, 'test:edge-insert', 1, 3, window, new Date());
    expect([next.allowed, next.remaining]).toEqual([false, 0]);
  });

  it('grants in the database, after a quiet spell, a charge that reaches the limit exactly', async () => {
    const window = 1_000_000_000;
    expect((await chargeRateLimit(database.db, 'test:edge-upsert', 1, 3, window, new Date())).remaining).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 2 * flushIntervalMs + 50));
    const state = await chargeRateLimit(database.db, 'test:edge-upsert', 2, 3, window, new Date());
    expect([state.allowed, state.remaining]).toEqual([true, 0]);
  });
});
