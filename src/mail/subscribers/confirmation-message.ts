import { escapeMarkup as esc } from '../../feeds/markup.js';

export const confirmationTtlHours = 48;

/** The confirmation e-mail's words and link (pure). */
export function confirmationMessage(origin: string, token: string): { subject: string; text: string; html: string } {
  const link = `${origin}/confirm?token=${token}`;
  const subject = 'Confirm your subscription to mlbrief daily';
  const text = [
    'Someone, hopefully you, asked to receive mlbrief daily at this address:',
    'five machine-learning concepts and the five ML stories that matter, every morning.',
    '',
    'To confirm, open this link:',
    link,
    '',
    `It works once and expires in ${confirmationTtlHours} hours. If you did not ask, ignore this e-mail:`,
    'without confirmation you will get nothing more from us.',
    '',
    `-- \nmlbrief daily\n${origin}/`,
    '',
  ].join('\n');
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>${esc(subject)}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2937;">
<p>Someone, hopefully you, asked to receive <strong>mlbrief daily</strong> at this address: five machine-learning concepts and the five ML stories that matter, every morning.</p>
<p><a href="${esc(link)}" style="display:inline-block;padding:10px 16px;background-color:#1d4ed8;color:#ffffff;text-decoration:none;">Confirm my subscription</a></p>
<p style="font-size:14px;color:#6b7280;">The link works once and expires in ${confirmationTtlHours} hours. If you did not ask, ignore this e-mail: without confirmation you will get nothing more from us.</p>
</body>
</html>
`;
  return { subject, text, html };
}
