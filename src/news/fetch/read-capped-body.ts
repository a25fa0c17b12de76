import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FetchError } from '../types.js';
import { createDecoders } from './decompress.js';

const tooLarge = (maxBytes: number) => new FetchError('TOO_LARGE', `response larger than ${maxBytes} bytes`);

/**
 * The decoded body, refused as soon as it passes `maxBytes`. The cap counts decoded bytes, and
 * failing tears the whole pipeline down, so a compression bomb stops inflating at the cap.
 */
export async function readCappedBody(res: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(tooLarge(maxBytes));
      chunks.push(chunk);
      callback();
    },
  });
  await pipeline([res, ...createDecoders(res.headers['content-encoding']), sink], { signal });
  return Buffer.concat(chunks, size);
}
