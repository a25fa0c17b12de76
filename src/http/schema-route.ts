import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { printSchema, type GraphQLSchema } from 'graphql';
import { notModified, type Validators } from './conditional.js';

/**
 * GET /schema.graphql: the schema as SDL (descriptions, @deprecated and @specifiedBy included) for
 * codegen and people. Rendered once per process; it changes only with a deployment, hence a short
 * public max-age and an ETag for revalidation.
 */
export function schemaRoute(schema: GraphQLSchema) {
  const body = Buffer.from(`${printSchema(schema)}\n`);
  const validators: Validators = {
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    lastModified: new Date().toUTCString(),
    cacheControl: 'public, max-age=300',
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (notModified(req, res, validators, {})) return;
    res.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': body.length,
      etag: validators.etag,
      'last-modified': validators.lastModified,
      'cache-control': validators.cacheControl,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
