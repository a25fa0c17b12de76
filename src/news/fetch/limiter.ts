export interface LimiterOptions {
  /** Tasks running at once, across all hosts. */
  global: number;
  /** Tasks running at once against one host. */
  perHost: number;
}

export interface Limiter {
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
}

interface Waiting {
  host: string;
  start: () => void;
}

/**
 * Bounds concurrency overall and per host. Waiting tasks start in arrival order, except that a
 * task whose host is at its limit lets later tasks for other hosts go first (no head-of-line block).
 */
export function createLimiter({ global, perHost }: LimiterOptions): Limiter {
  for (const [name, value] of [['global', global], ['perHost', perHost]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`limiter ${name} must be a positive integer`);
  }
  const queue: Waiting[] = [];
  const activeByHost = new Map<string, number>();
  let active = 0;

  function pump(): void {
    for (let i = 0; i < queue.length && active < global; ) {
      const entry = queue[i]!;
      const running = activeByHost.get(entry.host) ?? 0;
      if (running >= perHost) {
        i++;
        continue;
      }
      queue.splice(i, 1);
      active++;
      activeByHost.set(entry.host, running + 1);
      entry.start();
    }
  }

  function release(host: string): void {
    active--;
    const running = (activeByHost.get(host) ?? 1) - 1;
    if (running === 0) activeByHost.delete(host); // keep the map from growing with every host ever seen
    else activeByHost.set(host, running);
    pump();
  }

  return {
    run<T>(host: string, task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          host,
          start: () => {
            // A task that throws synchronously still releases its slot.
            Promise.resolve()
              .then(task)
              .then(resolve, reject)
              .finally(() => release(host));
          },
        });
        pump();
      });
    },
  };
}
