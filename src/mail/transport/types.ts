/** A message ready to go: RFC 5322 bytes and the SMTP envelope. */
export interface OutgoingMessage {
  /** The envelope sender (bare address). */
  from: string;
  /** The one recipient (bare address). */
  to: string;
  /** Without angle brackets; names the outbox file. */
  messageId: string;
  raw: Buffer;
}

/** Where messages go: an SMTP server through nodemailer's pool, or `.eml` files in the outbox. */
export interface Transport {
  kind: 'smtp' | 'outbox';
  /** Resolves once the server (or the file system) has taken the message; rejects with the server's error. */
  send(message: OutgoingMessage): Promise<void>;
  close(): Promise<void>;
}
