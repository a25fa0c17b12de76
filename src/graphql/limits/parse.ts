import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { QUERY_TOO_COMPLEX, type LimitViolation, type QueryLimits } from './types.js';

/** "query depth 21 exceeds the limit of 15"; a fragment cycle makes a measure unbounded. */
export function exceeds(what: string, value: number, limit: number): string {
  return Number.isFinite(value)
    ? `${what} ${value} exceeds the limit of ${limit}`
    : `${what} is unbounded (fragments spread each other in a cycle); the limit is ${limit}`;
}

export function tooComplex(violations: readonly LimitViolation[]): GraphQLError {
  return new GraphQLError(violations.map((v) => v.message).join('; '), {
    extensions: { code: QUERY_TOO_COMPLEX },
  });
}

export function documentSizeViolation(source: string, limits: QueryLimits): LimitViolation | undefined {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes <= limits.maxDocumentBytes) return undefined;
  return { code: 'DOCUMENT_SIZE', message: exceeds('query document size in bytes', bytes, limits.maxDocumentBytes) };
}

/**
 * Parses with the size and token caps, so a huge document is refused before its AST is built.
 * Throws QUERY_TOO_COMPLEX for a cap and graphql-js's syntax error for anything else.
 */
export function parseLimited(source: string, limits: QueryLimits): DocumentNode {
  const size = documentSizeViolation(source, limits);
  if (size) throw tooComplex([size]);
  try {
    return parse(source, { maxTokens: limits.maxTokens });
  } catch (error) {
    // graphql-js reports the cap as a syntax error, "Document contains more that N tokens" (sic, 16.x).
    if (error instanceof GraphQLError && /contains more tha[nt] \d+ tokens/.test(error.message)) {
      throw tooComplex([{ code: 'TOKENS', message: `query token count exceeds the limit of ${limits.maxTokens}` }]);
    }
    throw error;
  }
}
