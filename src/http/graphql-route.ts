import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphQLContext } from '../graphql/context.js';
import { BodyTooLargeError, readBody } from './body.js';
import { sendError } from './respond.js';
import { bucketOf } from '../access/client.js';
import { chargeRateLimit } from '../access/rate-limit.js';
import { contentChanged, dataVersion } from '../cache/data-version.js';
import { chargeOf, rateLimitHeaders } from '../graphql/limits-plugin.js';
import { GraphQLResponseCache, type CachedResponse } from './graphql-cache.js';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<GraphQLContext>;
  context: (req: IncomingMessage) => Promise<GraphQLContext>;
  maxBodyBytes: number;
  maxDocumentBytes: number;
}

/**
 * Apollo Server on plain node:http (its integration API): we parse the body ourselves so an
 * oversized or malformed one is answered before Apollo sees it. Cacheable queries (graphql-cache.ts)
 * are answered from memory while the data version stands, still authenticated and rate-limited.
 */
export function graphqlRoute({ apollo, context, maxBodyBytes, maxDocumentBytes }: GraphQLRouteOptions) {
  const cache = new GraphQLResponseCache();
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    let body: unknown;
    if (req.method === 'POST') {
      let raw: Buffer;
      try {
        raw = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return sendError(res, 413, 'PAYLOAD_TOO_LARGE', error.message);
        throw error;
      }
      const parsed = parseBody(raw, req.headers['content-type']);
      if (parsed instanceof Error) return sendError(res, 400, 'BAD_REQUEST', parsed.message);
      body = parsed;
    }
    const query = req.method === 'POST' ? (body as { query?: unknown } | undefined)?.query : url.searchParams.get('query');
    if (typeof query === 'string' && Buffer.byteLength(query) > maxDocumentBytes) {
      return sendError(res, 400, 'QUERY_TOO_COMPLEX', `query document size exceeds the limit of ${maxDocumentBytes} bytes`);
    }
    const classified = req.method === 'POST' ? cache.classify(body) : { kind: 'other' as const };
    // Built here only when the cache needs the caller's scope; otherwise Apollo asks for it.
    const ctx = classified.key ? await context(req) : undefined;
    let fill: { key: string; version: number } | undefined;
    if (ctx && classified.key) {
      const key = `${ctx.client.kind}\0${req.headers.accept ?? ''}\0${classified.key}`;
      const version = await dataVersion(ctx.database).current();
      const hit = cache.get(key, version);
      if (hit && (await sendHit(res, ctx, hit))) return;
      fill = { key, version };
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => (ctx ? Promise.resolve(ctx) : context(req)),
    });
    if (classified.kind === 'mutation') contentChanged();
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (ctx && fill && res.statusCode === 200 && !('errors' in JSON.parse(response.body.string))) {
        const rateLimit = chargeOf(ctx.client);
        cache.set(fill.key, {
          version: fill.version,
          status: 200,
          headers: [...response.headers].filter(([name]) => !name.startsWith('x-ratelimit-')),
          body: Buffer.from(response.body.string),
          charge: rateLimit && { cost: rateLimit.cost, limit: rateLimit.limit, windowSeconds: rateLimit.windowSeconds },
        });
      }
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/**
 * Answers from the cache after charging the rate limit as Apollo would; false when the charge is
 * refused, so Apollo answers with its 429 (a refused charge is not counted, so nothing is charged twice).
 */
async function sendHit(res: ServerResponse, ctx: GraphQLContext, hit: CachedResponse): Promise<boolean> {
  const headers: Record<string, string> = Object.fromEntries(hit.headers);
  if (hit.charge) {
    const { cost, limit, windowSeconds } = hit.charge;
    const state = await chargeRateLimit(ctx.db, bucketOf(ctx.client), cost, limit, windowSeconds, new Date());
    if (!state.allowed) return false;
    Object.assign(headers, rateLimitHeaders(state));
  }
  headers['content-length'] = String(hit.body.length);
  res.writeHead(hit.status, headers).end(hit.body);
  return true;
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json' && mediaType !== 'application/graphql-response+json') {
    // Apollo answers a missing or unsupported content type with its own 400 (and CSRF rules).
    return raw.length ? raw.toString('utf8') : undefined;
  }
  if (raw.length === 0) return new Error('request body is empty; send a JSON object with a "query"');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return new Error('request body is not valid JSON');
  }
}
