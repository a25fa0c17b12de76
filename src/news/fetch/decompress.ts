import { Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { FetchError } from '../types.js';

/**
 * "deflate" is meant to be zlib-wrapped, but some servers send raw deflate. A zlib stream's first
 * byte has 8 (deflate) as its low nibble; decide from it, as browsers do.
 */
function createDeflateDecoder(): Transform {
  let inner: Transform | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (chunk.length === 0) return callback();
      if (inner === null) {
        inner = (chunk[0]! & 0x0f) === 0x08 ? zlib.createInflate() : zlib.createInflateRaw();
        inner.on('data', (data: Buffer) => this.push(data));
        inner.on('error', (err) => this.destroy(err));
      }
      // Wait for the inner stream to drain so a bomb cannot inflate ahead of the reader.
      if (inner.write(chunk)) callback();
      else inner.once('drain', () => callback());
    },
    flush(callback: TransformCallback) {
      if (inner === null) return callback();
      inner.once('end', () => callback());
      inner.end();
    },
    destroy(err, callback) {
      inner?.destroy();
      callback(err);
    },
  });
}

/**
 * Decoders for a Content-Encoding header, in the order to apply them (the header lists them in
 * the order they were applied). Throws on an encoding we did not offer in Accept-Encoding.
 */
export function createDecoders(contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return zlib.createGunzip();
      case 'deflate':
        return createDeflateDecoder();
      case 'br':
        return zlib.createBrotliDecompress();
      default:
        throw new FetchError('NETWORK_ERROR', `unsupported content encoding: ${coding}`);
    }
  });
}
