import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../src/news/fetch/limiter.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createLimiter', () => {
  it('never exceeds its global and per-host bounds, and uses them', async () => {
    const limiter = createLimiter({ global: 4, perHost: 2 });
    let running = 0;
    let maxRunning = 0;
    const byHost = new Map<string, number>();
    const maxByHost = new Map<string, number>();

    const tasks = Array.from({ length: 30 }, (_, i) => {
      const host = `host${i % 3}`;
      return limiter.run(host, async () => {
        running++;
        byHost.set(host, (byHost.get(host) ?? 0) + 1);
        maxRunning = Math.max(maxRunning, running);
        maxByHost.set(host, Math.max(maxByHost.get(host) ?? 0, byHost.get(host)!));
        await tick(5 + (i % 4) * 3);
        running--;
        byHost.set(host, byHost.get(host)! - 1);
        return i;
      });
    });

    expect(await Promise.all(tasks)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(maxRunning).toBe(4);
    expect(Math.max(...maxByHost.values())).toBe(2);
  });

  it('starts tasks in arrival order', async () => {
    const limiter = createLimiter({ global: 1, perHost: 1 });
    const started: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        limiter.run(i % 2 ? 'a' : 'b', async () => {
          started.push(i);
          await tick(1);
        }),
      ),
    );
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('lets another host go ahead of a host at its limit', async () => {
    const limiter = createLimiter({ global: 2, perHost: 1 });
    const started: string[] = [];
    const task = (name: string) => async () => {
      started.push(name);
      await tick(10);
    };
    await Promise.all([
      limiter.run('a', task('a1')),
      limiter.run('a', task('a2')),
      limiter.run('b', task('b1')),
    ]);
    expect(started).toEqual(['a1', 'b1', 'a2']);
  });

  it('passes failures through and frees the slot', async () => {
    const limiter = createLimiter({ global: 1, perHost: 1 });
    const failing = limiter.run('a', () => Promise.reject(new Error('boom')));
    const throwing = limiter.run('a', () => {
      throw new Error('sync');
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(throwing).rejects.toThrow('sync');
    await expect(limiter.run('a', async () => 'ok')).resolves.toBe('ok');
  });

  it('rejects nonsensical bounds', () => {
    expect(() => createLimiter({ global: 0, perHost: 1 })).toThrow(RangeError);
    expect(() => createLimiter({ global: 2, perHost: 1.5 })).toThrow(RangeError);
  });
});
