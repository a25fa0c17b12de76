import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * Reads a request body and calls `done` once: with the bytes, with a BodyTooLargeError as soon as
 * it passes `limit` bytes (answered 413), or with the stream's error (the client went away). A
 * callback, not a promise: on the cached GraphQL path the answer is written from the body's 'end'
 * event, with no promise or microtask between (issue 7; each showed in per-request CPU time).
 */
export function receiveBody(req: IncomingMessage, limit: number, done: (body: Buffer | Error) => void): void {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return done(new BodyTooLargeError(`body exceeds ${limit} bytes`));
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      cleanup();
      // Stop buffering; what still arrives is discarded, and the 413 answer closes the connection.
      req.resume();
      done(new BodyTooLargeError(`body exceeds ${limit} bytes`));
    } else {
      chunks.push(chunk);
      // The whole declared body is here: answer now rather than a tick later at 'end' (the body
      // of a small POST arrives with its headers, so this saves the cached path a tick).
      if (size === declared) onEnd();
    }
  };
  const onEnd = () => {
    cleanup();
    done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  };
  const onError = (error: Error) => {
    cleanup();
    done(error);
  };
  const cleanup = () => {
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
  };
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onError);
}
