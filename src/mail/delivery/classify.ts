import { redactAddresses } from '../address.js';

/**
 * What a failed send means for the delivery. `bounce`: the server refused this recipient or this
 * message for good (a 5xx reply to RCPT TO or DATA), so trying again is pointless and the address
 * counts a bounce. `retry`: anything else (a 4xx, a dropped connection, a timeout) may pass later;
 * so does a 5xx to the connection, the login or MAIL FROM, which says our server setup is wrong,
 * not the reader's address, and must not mark every subscriber as bouncing.
 */
export interface Failure {
  kind: 'bounce' | 'retry';
  /** The SMTP reply code, when the server gave one. */
  code: number | undefined;
  /** For the database and the log; addresses replaced by their hash. */
  message: string;
}

interface SmtpError {
  message?: unknown;
  code?: unknown;
  command?: unknown;
  response?: unknown;
  responseCode?: unknown;
  permanent?: unknown;
}

export function classifyFailure(error: unknown): Failure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const text = typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(error);
  const message = redactAddresses(text).slice(0, 500);
  const recipientStep = e.command === 'RCPT TO' || e.command === 'DATA';
  const permanent = code !== undefined && code >= 500 && code < 600 && code !== 503;
  return { kind: permanent && recipientStep ? 'bounce' : 'retry', code, message };
}
