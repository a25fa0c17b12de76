import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a refused body may still send before the connection is cut: enough for a client to finish and read the 413. */
const drainLimitBytes = 16 * 1024 * 1024;
const drainLimitMs = 5_000;

/**
 * Answers 413 to a request whose body is too large, so that the client reads it: the answer is
 * written at once with `Connection: close`, then the rest of the body is read and discarded (up
 * to `drainLimitBytes` or `drainLimitMs`) before the connection closes. Closing with unread bytes
 * in the socket makes the kernel reset it, and a client still sending sees EPIPE instead of the 413.
 */
export function answerTooLarge(req: IncomingMessage, res: ServerResponse, message: string, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify({ errors: [{ message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  res.shouldKeepAlive = false;
  res.writeHead(413, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    connection: 'close',
  });
  res.write(payload);
  if (req.complete || req.destroyed) return void res.end();
  let drained = 0;
  const done = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', done);
    req.off('error', done);
    res.end();
  };
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > drainLimitBytes) done();
  };
  const timer = setTimeout(done, drainLimitMs);
  req.on('data', onData);
  req.on('end', done);
  req.on('error', done);
  req.resume();
}
