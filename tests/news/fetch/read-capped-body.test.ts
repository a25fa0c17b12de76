import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCappedBody } from '../../../src/news/fetch/read-capped-body.js';
import { FetchError } from '../../../src/news/types.js';

const MB = 1024 * 1024;

/** A response stand-in that counts how many compressed bytes the reader pulled. */
function response(body: Buffer, headers: Record<string, string>) {
  const pulled = { bytes: 0 };
  function* chunks() {
    for (let offset = 0; offset < body.length; offset += 16 * 1024) {
      const chunk = body.subarray(offset, offset + 16 * 1024);
      pulled.bytes += chunk.length;
      yield chunk;
    }
  }
  const res = Object.assign(Readable.from(chunks(), { objectMode: false }), { headers });
  return { res: res as unknown as IncomingMessage, pulled };
}

describe('readCappedBody', () => {
  it('stops reading a compression bomb soon after the cap', async () => {
    // 20 gzip members of 50 MB of zeros each: 1 GB inflated from about 1 MB.
    const member = zlib.gzipSync(Buffer.alloc(50 * MB));
    const bomb = Buffer.concat(Array.from({ length: 20 }, () => member));
    const { res, pulled } = response(bomb, { 'content-encoding': 'gzip' });

    const err = await readCappedBody(res, MB, new AbortController().signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).code).toBe('TOO_LARGE');
    // Inflating all of it would need every compressed byte; stopping at the cap needs a sliver.
    expect(pulled.bytes).toBeLessThan(bomb.length / 10);
  });

  it.each([
    ['deflate', zlib.deflateSync],
    ['deflate', zlib.deflateRawSync],
  ] as const)('stops reading a %s bomb soon after the cap', async (encoding, compress) => {
    const bomb = compress(Buffer.alloc(100 * MB));
    const { res, pulled } = response(bomb, { 'content-encoding': encoding });
    const err = await readCappedBody(res, MB, new AbortController().signal).catch((e: unknown) => e);
    expect((err as FetchError).code).toBe('TOO_LARGE');
    expect(pulled.bytes).toBeLessThan(bomb.length / 2); // ~100 KB compressed; a few 16 KB chunks suffice
  });

  it.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('caps the decoded size of %s, not the encoded one', async (encoding, compress) => {
    const { res } = response(compress(Buffer.alloc(2 * MB)), { 'content-encoding': encoding });
    const err = await readCappedBody(res, MB, new AbortController().signal).catch((e: unknown) => e);
    expect((err as FetchError).code).toBe('TOO_LARGE');
  });

  it.each([
    ['no encoding', (b: Buffer) => b, {}],
    ['gzip', zlib.gzipSync, { 'content-encoding': 'gzip' }],
  ] as const)('refuses a streamed body (%s, no Content-Length) one byte past the cap, and takes one at it', async (_label, encode, headers) => {
    const over = response(encode(Buffer.alloc(1001, 'a')), headers);
    expect(((await readCappedBody(over.res, 1000, new AbortController().signal).catch((e: unknown) => e)) as FetchError).code).toBe('TOO_LARGE');
    const at = response(encode(Buffer.alloc(1000, 'a')), headers);
    expect((await readCappedBody(at.res, 1000, new AbortController().signal)).length).toBe(1000);
  });

  it('accepts a body exactly at the cap', async () => {
    const { res } = response(Buffer.alloc(1000, 'a'), { 'content-length': '1000' });
    expect((await readCappedBody(res, 1000, new AbortController().signal)).length).toBe(1000);
  });
});
