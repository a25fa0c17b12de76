import path from 'node:path';
import addressparser from 'nodemailer/lib/addressparser';
import type { Config } from '../config/env.js';
import { publicOrigin } from '../config/public-url.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { outboxTransport } from './transport/outbox.js';
import { smtpTransport } from './transport/smtp.js';
import type { Transport } from './transport/types.js';

/** Everything that sends mail needs: the transport, and who and where messages say they are from. */
export interface Mailer {
  transport: Transport;
  /** Every link in a message starts here. */
  origin: string;
  /** The From header as configured (MAIL_FROM). */
  fromHeader: string;
  /** Its bare address: the SMTP envelope sender. */
  fromAddress: string;
  /** The right-hand side of our Message-IDs: the sender's domain. */
  messageIdDomain: string;
  unsubscribeMailto: string | undefined;
}

/**
 * The mailer of this process: nodemailer's SMTP pool when SMTP_URL is set, else the `.eml`
 * outbox under DATA_DIR (and the log says so). SMTP without PUBLIC_URL is refused: the links would
 * point at this machine's listening address, which no reader can open.
 */
export function createMailer(config: Config, logger: Logger): Mailer {
  if (config.SMTP_URL && !config.PUBLIC_URL) {
    throw new AppError('INVALID_CONFIG', 'SMTP_URL is set but PUBLIC_URL is not: e-mails need absolute public links, so set PUBLIC_URL (e.g. https://mlbrief.example) before sending');
  }
  const [sender] = addressparser(config.MAIL_FROM, { flatten: true });
  if (!sender?.address || !sender.address.includes('@')) {
    throw new AppError('INVALID_CONFIG', `MAIL_FROM must name one address, e.g. "mlbrief <brief@mlbrief.example>", got "${config.MAIL_FROM}"`);
  }
  let transport: Transport;
  if (config.SMTP_URL) {
    transport = smtpTransport(config.SMTP_URL);
    logger.info({ smtp: new URL(config.SMTP_URL).host }, 'e-mail is sent through SMTP');
  } else {
    const outbox = path.resolve(config.DATA_DIR, 'outbox');
    transport = outboxTransport(outbox);
    logger.info({ outbox }, 'SMTP_URL is not set: e-mails are written as .eml files to the outbox, not sent');
  }
  return {
    transport,
    origin: new URL(publicOrigin(config)).origin,
    fromHeader: config.MAIL_FROM,
    fromAddress: sender.address,
    messageIdDomain: sender.address.slice(sender.address.lastIndexOf('@') + 1),
    unsubscribeMailto: config.MAIL_UNSUBSCRIBE_MAILTO,
  };
}
