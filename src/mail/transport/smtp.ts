import { createTransport } from 'nodemailer';
import type { OutgoingMessage, Transport } from './types.js';

/** Pool options shared with the benchmark's baseline, so it measures the same pool. */
export const poolOptions = { pool: true, maxConnections: 5, maxMessages: 100 } as const;

/**
 * nodemailer's pooled SMTP transport (connections reused across messages, STARTTLS when offered).
 * Messages arrive prebuilt, so nodemailer only speaks SMTP: no MIME work per message.
 */
export function smtpTransport(url: string): Transport {
  const pool = createTransport({ ...poolOptions, url });
  return {
    kind: 'smtp',
    send: async (m: OutgoingMessage) => {
      await pool.sendMail({ envelope: { from: m.from, to: [m.to] }, raw: m.raw });
    },
    close: async () => pool.close(),
  };
}
