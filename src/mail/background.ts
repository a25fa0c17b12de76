/**
 * Jobs run after the request that asked for them has been answered, a few at a time, in a queue of
 * bounded length: a flood of requests cannot grow memory, it is refused (`offer` returns false).
 */
export class BackgroundJobs {
  private readonly queue: (() => Promise<void>)[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly onError: (error: unknown) => void,
    private readonly concurrency = 2,
    private readonly maxQueued = 1000,
  ) {}

  offer(job: () => Promise<void>): boolean {
    if (this.queue.length >= this.maxQueued) return false;
    this.queue.push(job);
    this.next();
    return true;
  }

  /** Resolves when every job offered so far has finished (tests, shutdown). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private next(): void {
    while (this.running < this.concurrency && this.queue.length) {
      const job = this.queue.shift()!;
      this.running++;
      // Started on a later turn of the event loop, so the answer goes out before the job's work.
      setImmediate(() => {
        job()
          .catch(this.onError)
          .finally(() => {
            this.running--;
            this.next();
            if (this.running === 0 && this.queue.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
          });
      });
    }
  }
}
