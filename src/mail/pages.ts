import { escapeMarkup as esc } from '../feeds/markup.js';

/**
 * The few pages of the subscription flow (pure): small, self-contained, valid HTML with no script
 * and no external asset, readable on any device.
 */
function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)} · mlbrief daily</title>
<style>body{margin:0;padding:48px 16px;background:#f3f4f6;font:16px/1.5 -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2937}main{max-width:560px;margin:0 auto;padding:32px;background:#fff;border-radius:8px}h1{margin:0 0 16px;font-size:24px;line-height:1.3;color:#111827}a{color:#1d4ed8}button{padding:10px 18px;border:0;border-radius:6px;background:#1d4ed8;color:#fff;font:inherit;cursor:pointer}</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

const home = (origin: string) => `<p><a href="${esc(origin)}/">Back to today's brief</a></p>`;

export function subscribeAcceptedPage(origin: string, message: string): string {
  return page('Check your inbox', `<p>${esc(message)}</p>\n${home(origin)}`);
}

export function confirmedPage(origin: string): string {
  return page('Subscription confirmed', `<p>Your subscription is confirmed: mlbrief daily will arrive every morning. Every e-mail has a link to unsubscribe with one click.</p>\n${home(origin)}`);
}

/** What a GET of an unsubscribe link shows: a button, so that a link scanner fetching it changes nothing. */
export function unsubscribePromptPage(token: string): string {
  const action = `/unsubscribe?token=${encodeURIComponent(token)}`;
  return page('Unsubscribe from mlbrief daily?', `<p>You will get no more daily e-mails. You can subscribe again at any time.</p>\n<form method="post" action="${esc(action)}"><button type="submit">Unsubscribe</button></form>`);
}

export function unsubscribedPage(origin: string): string {
  return page('Unsubscribed', `<p>You will get no more e-mails from mlbrief daily. Changed your mind? Subscribe again from the front page.</p>\n${home(origin)}`);
}

export function problemPage(origin: string, title: string, message: string): string {
  return page(title, `<p>${esc(message)}</p>\n${home(origin)}`);
}
