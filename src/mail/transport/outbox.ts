import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutgoingMessage, Transport } from './types.js';

/**
 * Without SMTP_URL every message becomes an `.eml` file under DATA_DIR/outbox, named after its
 * Message-ID: a message written again (a retry after a crash) replaces its file, never duplicates it.
 * Written under a temporary name and renamed, so a reader never sees half a message.
 */
export function outboxTransport(dir: string): Transport {
  let ready: Promise<unknown> | undefined;
  return {
    kind: 'outbox',
    send: async (m: OutgoingMessage) => {
      await (ready ??= mkdir(dir, { recursive: true }));
      const name = m.messageId.replace(/[^A-Za-z0-9._@-]/g, '_');
      const file = path.join(dir, `${name}.eml`);
      const temporary = path.join(dir, `.${name}.${process.pid}.tmp`);
      await writeFile(temporary, m.raw);
      await rename(temporary, file);
    },
    close: async () => {},
  };
}
