import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

const fourMiB = 4 * 1024 * 1024;
const chunk = Buffer.alloc(64 * 1024, 'x');

/**
 * POSTs `total` bytes as the simplest clients do: the whole body is written, and only then is the
 * answer read. A server that closes while bytes are still coming resets the connection, and the
 * reset throws away the answer already sent: the client sees EPIPE or ECONNRESET, not the 413.
 */
function post(url: string, total: number, declared: boolean): Promise<{ status?: number; code?: string; head?: string; body?: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.pause();
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('end', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]), head: head.toLowerCase(), body });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code }));
    const length = declared ? `content-length: ${total}` : 'transfer-encoding: chunked';
    socket.write(`POST /graphql HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\n${length}\r\n\r\n`);
    let sent = 0;
    const write = () => {
      while (sent < total) {
        sent += chunk.length;
        const piece = declared ? chunk : Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
        if (!socket.write(piece)) return void socket.once('drain', write);
      }
      socket.write(declared ? '' : '0\r\n\r\n', () => socket.resume());
    };
    write();
  });
}

describe(`oversized request bodies on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database);
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  it.each([true, false])('always get their 413, never a reset: 20 times in a row with 4 MiB (Content-Length declared: %s)', async (declared) => {
    for (let i = 0; i < 20; i++) {
      const answer = await post(app.url, fourMiB, declared);
      expect(answer, `attempt ${i}`).toMatchObject({ status: 413 });
      expect(answer.head).toContain('connection: close');
      expect(JSON.parse(answer.body!).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    }
    // The server is fine afterwards.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
