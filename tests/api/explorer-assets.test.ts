import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

/** A GET that shows the bytes as sent (fetch would decompress them). */
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe(`explorer assets on ${backend}`, () => {
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

  it('are served compressed as the client accepts, with an ETag, and 304 to a matching If-None-Match', async () => {
    const plain = await get(`${app.url}/explorer/graphiql.js`, { 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1_000_000);
    const br = await get(`${app.url}/explorer/graphiql.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(plain.body.length / 4);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const gz = await get(`${app.url}/explorer/graphiql.js`, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    for (const res of [plain, br, gz]) {
      expect(res.headers.vary).toMatch(/accept-encoding/);
      expect(res.headers.etag).toBe(plain.headers.etag);
    }
    expect(plain.headers.etag).toMatch(/^"[\w-]{27}"$/);
    const again = await get(`${app.url}/explorer/graphiql.js`, { 'if-none-match': plain.headers.etag!, 'accept-encoding': 'br' });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    for (const name of ['react.js', 'react-dom.js', 'graphiql.css']) {
      expect((await get(`${app.url}/explorer/${name}`, { 'accept-encoding': 'br' })).headers['content-encoding'], name).toBe('br');
    }
  });
});
