import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyTooLargeError, receiveBody } from '../../src/http/body.js';

/** What receiveBody handed over for one request: every call of `done`, in order. */
type Seen = (string | Error)[];

describe('receiveBody over real HTTP', () => {
  let server: Server;
  let port: number;
  const seen = new Map<string, Seen>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const calls: Seen = [];
      seen.set(String(req.headers['x-case']), calls);
      receiveBody(req, 100, (body) => {
        calls.push(Buffer.isBuffer(body) ? body.toString('utf8') : body);
        // Answer a little later, so a second call of `done` (at 'end') would be seen.
        setTimeout(() => res.end(Buffer.isBuffer(body) ? `got ${body.length}` : body.name), 30);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));

  /** Sends `parts` a tick apart (each a separate write); `length` sets content-length, else chunked. */
  function post(name: string, parts: string[], length?: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = request({ port, method: 'POST', headers: { 'x-case': name, ...(length === undefined ? {} : { 'content-length': length }) } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d)).on('end', () => resolve(text));
      });
      req.on('error', reject);
      let i = 0;
      const next = () => {
        if (i === parts.length) return void req.end();
        req.write(parts[i++]);
        setTimeout(next, 20);
      };
      next();
    });
  }

  it('hands over a declared body once, whole, when it arrives in pieces', async () => {
    const parts = ['{"query":', '"{ daily { date } }"}'];
    expect(await post('pieces', parts, parts.join('').length)).toBe('got 30');
    expect(seen.get('pieces')).toEqual(['{"query":"{ daily { date } }"}']);
  });

  it('hands over a chunked body (no content-length) once, at its end', async () => {
    expect(await post('chunked', ['abc', 'def', 'ghi'])).toBe('got 9');
    expect(seen.get('chunked')).toEqual(['abcdefghi']);
  });

  it('answers a body past the limit with BodyTooLargeError, once, declared or not', async () => {
    expect(await post('declared', ['x'.repeat(101)], 101)).toBe('BodyTooLargeError');
    expect(await post('streamed', ['x'.repeat(60), 'x'.repeat(60)])).toBe('BodyTooLargeError');
    for (const name of ['declared', 'streamed']) {
      expect(seen.get(name)).toHaveLength(1);
      expect(seen.get(name)![0]).toBeInstanceOf(BodyTooLargeError);
    }
  });

  it('hands over an empty declared body', async () => {
    expect(await post('empty', [], 0)).toBe('got 0');
    expect(seen.get('empty')).toEqual(['']);
  });
});
