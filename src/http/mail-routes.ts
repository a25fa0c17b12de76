import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { MailService } from '../mail/service.js';
import { confirmedPage, problemPage, subscribeAcceptedPage, unsubscribedPage, unsubscribePromptPage } from '../mail/pages.js';
import { SubscribeRefused, subscribeAnswer } from '../mail/subscribers/subscribe.js';
import { AppError } from '../shared/errors.js';
import { BodyTooLargeError, receiveBody } from './body.js';
import { sendError, sendJson } from './respond.js';

export interface MailRouteDeps {
  mail: MailService;
  /** The client's address, as every other limit and log sees it. */
  addressOf: (req: IncomingMessage) => string;
}

const maxBodyBytes = 4096;
const subscribeBody = z.object({ email: z.unknown() });
const paths = new Set(['/subscribe', '/confirm', '/unsubscribe']);

/**
 * POST /subscribe (a form field or JSON `email`), GET /confirm?token=…, GET and POST
 * /unsubscribe?token=… (POST is RFC 8058 one-click). Browsers get small pages; JSON clients JSON.
 * Answers are never cached: they act, or depend on a token.
 */
export function mailRoutes({ mail, addressOf }: MailRouteDeps) {
  const { origin } = mail.mailer;

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!paths.has(url.pathname)) return false;
    res.setHeader('cache-control', 'no-store');
    const method = req.method ?? 'GET';
    const allowed = url.pathname === '/subscribe' ? ['POST'] : url.pathname === '/confirm' ? ['GET', 'HEAD'] : ['GET', 'HEAD', 'POST'];
    if (!allowed.includes(method)) {
      sendError(res, 405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}`, { allow: allowed.join(', ') });
      return true;
    }
    const token = url.searchParams.get('token');
    // HEAD (link previews, scanners) answers like GET but acts on nothing.
    if (method === 'HEAD') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end();
      return true;
    }
    if (url.pathname === '/subscribe') await subscribe(req, res);
    else if (url.pathname === '/confirm') await act(req, res, () => mail.confirm(token), () => confirmedPage(origin), 'Subscription confirmed', 'This link does not work');
    else if (method === 'GET') await act(req, res, () => mail.checkUnsubscribe(token), () => unsubscribePromptPage(token!), undefined, 'This link does not work');
    else {
      await readBody(req); // one-click clients send "List-Unsubscribe=One-Click"; the token says who
      await act(req, res, () => mail.unsubscribe(token), () => unsubscribedPage(origin), 'Unsubscribed', 'This link does not work');
    }
    return true;
  }

  async function subscribe(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const html = !wantsJson(req);
    const body = await readBody(req);
    if (body instanceof BodyTooLargeError) {
      res.setHeader('connection', 'close');
      return sendError(res, 413, 'PAYLOAD_TOO_LARGE', body.message);
    }
    const fields = parseForm(body, req.headers['content-type']);
    if (fields === 'unsupported') {
      return sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the form field `email` (application/x-www-form-urlencoded) or JSON {"email": "…"}');
    }
    if (fields === 'not-json') return sendError(res, 400, 'BAD_REQUEST', 'request body is not a JSON object with an "email"');
    try {
      await mail.subscribe(fields.email, `ip:${addressOf(req)}`);
    } catch (error) {
      return problem(res, error, 'Subscription not started', html);
    }
    if (html) return sendHtml(res, 202, subscribeAcceptedPage(origin, subscribeAnswer));
    sendJson(res, 202, { status: 'accepted', message: subscribeAnswer });
  }

  async function act(req: IncomingMessage, res: ServerResponse, action: () => Promise<void>, page: () => string, done: string | undefined, failed: string): Promise<void> {
    const html = !wantsJson(req);
    try {
      await action();
    } catch (error) {
      return problem(res, error, failed, html);
    }
    if (html || !done) return sendHtml(res, 200, page());
    sendJson(res, 200, { status: 'ok', message: done });
  }

  /** A known error as a 400 or 429 (page or JSON); anything else is the server's fault and goes up. */
  function problem(res: ServerResponse, error: unknown, title: string, html: boolean): void {
    if (!(error instanceof AppError)) throw error;
    const status = error.code === 'RATE_LIMITED' ? 429 : 400;
    const headers: Record<string, string> = error instanceof SubscribeRefused ? { 'retry-after': String(error.retryAfter) } : {};
    if (html) sendHtml(res, status, problemPage(origin, title, error.message), headers);
    else sendError(res, status, error.code, error.message, headers);
  }

  return { route };
}

/** JSON for clients that send JSON or ask for it over HTML; pages for browsers and plain forms. */
function wantsJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return true;
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function parseForm(body: Buffer, contentType: string | undefined): { email: unknown } | 'unsupported' | 'not-json' {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return { email: new URLSearchParams(body.toString('utf8')).get('email') ?? '' };
  if (type !== 'application/json') return 'unsupported';
  try {
    const parsed = subscribeBody.safeParse(JSON.parse(body.toString('utf8')));
    return parsed.success ? { email: parsed.data.email } : 'not-json';
  } catch {
    return 'not-json';
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | BodyTooLargeError> {
  return new Promise((resolve, reject) =>
    receiveBody(req, maxBodyBytes, (body) => (Buffer.isBuffer(body) || body instanceof BodyTooLargeError ? resolve(body) : reject(body))),
  );
}

function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), ...headers });
  res.end(html);
}
