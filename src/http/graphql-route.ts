import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphQLContext } from '../graphql/context.js';
import { BodyTooLargeError, readBody } from './body.js';
import { sendError } from './respond.js';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<GraphQLContext>;
  context: (req: IncomingMessage) => Promise<GraphQLContext>;
  maxBodyBytes: number;
  maxDocumentBytes: number;
}

/**
 * Apollo Server on plain node:http (its integration API): we parse the body ourselves so an
 * oversized or malformed one is answered before Apollo sees it.
 */
export function graphqlRoute({ apollo, context, maxBodyBytes, maxDocumentBytes }: GraphQLRouteOptions) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (req.method === 'POST') {
      let raw: Buffer;
      try {
        raw = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return sendError(res, 413, 'PAYLOAD_TOO_LARGE', error.message);
        throw error;
      }
      const parsed = parseBody(raw, headers.get('content-type'));
      if (parsed instanceof Error) return sendError(res, 400, 'BAD_REQUEST', parsed.message);
      body = parsed;
    }
    const query = req.method === 'POST' ? (body as { query?: unknown } | undefined)?.query : url.searchParams.get('query');
    if (typeof query === 'string' && Buffer.byteLength(query) > maxDocumentBytes) {
      return sendError(res, 400, 'QUERY_TOO_COMPLEX', `query document size exceeds the limit of ${maxDocumentBytes} bytes`);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => context(req),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
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
