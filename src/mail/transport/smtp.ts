import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createTransport } from 'nodemailer';
import type { OutgoingMessage, Transport } from './types.js';

/** Pool options shared with the benchmark's baseline, so it measures the same pool. */
export const poolOptions = { pool: true, maxConnections: 5, maxMessages: 100 } as const;

/** The SMTP error fields delivery reads (classify.ts), as they cross the thread boundary. */
export interface SmtpFailure {
  message: string;
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
}

export type WorkerRequest = { id: number; from: string; to: string; raw: Uint8Array } | { close: true };
export type WorkerReply = { id: number; error?: SmtpFailure };

// Present in the compiled build; absent when running the .ts sources (vitest), which then send inline.
const workerFile = new URL('./smtp-worker.js', import.meta.url);
const workerAvailable = existsSync(fileURLToPath(workerFile));

/**
 * nodemailer's pooled SMTP transport (connections reused across messages, STARTTLS when offered).
 * Messages arrive prebuilt, so nodemailer only speaks SMTP. The pool runs on a worker thread: its
 * socket and stream work then overlaps with the database work of delivery on this thread (with
 * PGlite, the database itself runs on this thread).
 */
export function smtpTransport(url: string): Transport {
  return workerAvailable ? threadedPool(url) : inlinePool(url);
}

export function inlinePool(url: string): Transport {
  const pool = createTransport({ ...poolOptions, url });
  return {
    kind: 'smtp',
    send: async (m: OutgoingMessage) => {
      await pool.sendMail({ envelope: { from: m.from, to: [m.to] }, raw: m.raw });
    },
    close: async () => pool.close(),
  };
}

function threadedPool(url: string): Transport {
  const worker = new Worker(workerFile, { workerData: { url } });
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on('message', ({ id, error }: WorkerReply) => {
    const w = waiting.get(id);
    waiting.delete(id);
    if (!w) return;
    if (error) w.reject(Object.assign(new Error(error.message), error));
    else w.resolve();
  });
  worker.on('error', failAll);
  worker.on('exit', () => failAll(Object.assign(new Error('the SMTP worker thread stopped'), { code: 'ECONNECTION' })));
  // An idle pool must not keep a finished command alive; a message in flight keeps it referenced.
  worker.unref();
  return {
    kind: 'smtp',
    send: (m: OutgoingMessage) =>
      new Promise<void>((resolve, reject) => {
        const id = nextId++;
        if (waiting.size === 0) worker.ref();
        waiting.set(id, {
          resolve: () => (waiting.size === 0 && worker.unref(), resolve()),
          reject: (error) => (waiting.size === 0 && worker.unref(), reject(error)),
        });
        worker.postMessage({ id, from: m.from, to: m.to, raw: m.raw } satisfies WorkerRequest);
      }),
    close: async () => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ close: true } satisfies WorkerRequest);
      await exited;
    },
  };
}
