import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What every answer carries whatever the request's Origin, so a shared cache never hands a browser
 * an answer meant for another origin: with `*`, the allow header itself (then the answer does not
 * depend on Origin); with a list, `Vary: Origin`.
 */
export function corsConstantHeaders(allowed: string[]): Record<string, string> {
  return allowed.includes('*') ? { 'access-control-allow-origin': '*' } : { vary: 'origin' };
}

/**
 * CORS for browser clients: CORS_ORIGINS lists who may call (`*` for anyone). Preflights are
 * answered here; Apollo's CSRF prevention still requires a preflighted request for GraphQL.
 * Returns true when it answered (a preflight).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (origin) {
    const ok = allowed.includes('*') || allowed.includes(origin);
    if (ok) {
      res.setHeader('access-control-allow-origin', allowed.includes('*') ? '*' : origin);
      res.setHeader('access-control-expose-headers', 'etag, x-request-id, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, x-ratelimit-cost, retry-after');
      if (!allowed.includes('*')) res.setHeader('vary', 'origin');
    }
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      if (ok) {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-allow-headers', 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id, if-none-match');
        res.setHeader('access-control-max-age', '600');
      }
      res.writeHead(ok ? 204 : 403).end();
      return true;
    }
  }
  return false;
}
