import MailComposer from 'nodemailer/lib/mail-composer';

export interface MessageParts {
  from: string;
  to?: string;
  subject: string;
  text: string;
  html: string;
  /** With angle brackets. */
  messageId: string;
  date?: Date;
  headers?: Record<string, string>;
}

/**
 * RFC 5322 bytes of a multipart/alternative (text + HTML) message, built by nodemailer's composer
 * (header encoding, line folding, quoted-printable): the MIME details we would otherwise get wrong.
 */
export function composeMessage(parts: MessageParts): Promise<Buffer> {
  return new MailComposer({
    from: parts.from,
    ...(parts.to ? { to: parts.to } : {}),
    subject: parts.subject,
    text: parts.text,
    html: parts.html,
    messageId: parts.messageId,
    date: parts.date ?? new Date(),
    headers: parts.headers ?? {},
    // Placeholders in the bodies must stay readable in the encoded bytes (delivery/slots.ts).
    textEncoding: 'quoted-printable',
  })
    .compile()
    .build();
}
