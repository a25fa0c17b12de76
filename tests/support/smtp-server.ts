import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  raw: Buffer;
}

export interface SmtpBehaviour {
  /** An SMTP reply code to refuse this recipient with (e.g. 451, 550), or undefined to accept. */
  rcpt?: (address: string, attempt: number) => number | undefined;
  /** Milliseconds to hold each message before answering its DATA. */
  delayMs?: number;
}

/** A real SMTP server on 127.0.0.1 (smtp-server, in process) that keeps what it accepts. */
export async function startSmtpServer(behaviour: SmtpBehaviour = {}) {
  const messages: Received[] = [];
  const attempts = new Map<string, number>();
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 1_000_000,
    onRcptTo(address, _session, callback) {
      const n = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, n);
      const code = behaviour.rcpt?.(address.address, n);
      if (code) return callback(Object.assign(new Error(`${code === 550 ? '5.1.1' : '4.7.1'} <${address.address}>: ${code >= 500 ? 'no such user' : 'try again later'}`), { responseCode: code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const finish = () => {
          messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
          for (const wake of waiters.splice(0)) wake();
          callback();
        };
        if (behaviour.delayMs) setTimeout(finish, behaviour.delayMs);
        else finish();
      });
    },
  });
  // A client killed mid-session resets its connection; that is the client's story, not a test error.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    attempts: (address: string) => attempts.get(address) ?? 0,
    /** Resolves once `count` messages have arrived; rejects after `timeoutMs`. */
    async waitFor(count: number, timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    parse: (m: Received): Promise<ParsedMail> => simpleParser(m.raw),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpServer>>;
