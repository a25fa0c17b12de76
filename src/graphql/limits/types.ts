/** Caps on one GraphQL request, all checked before execution (issue 6, item 3). */
export interface QueryLimits {
  /** Fields on the longest path, leaf included: `{ concept { slug } }` is 2. */
  maxDepth: number;
  /** Aliased fields in the executed operation, fragments expanded. */
  maxAliases: number;
  /** Lexical tokens of the document (comments and whitespace excluded). */
  maxTokens: number;
  /** UTF-8 bytes of the document. */
  maxDocumentBytes: number;
  /** Estimated objects resolved; see cost.ts for the model. */
  maxCost: number;
  /** Root fields in the executed operation; unset means no cap. */
  maxRootFields?: number;
}

/**
 * maxDepth 15 is the depth of graphql-js's own introspection query (GraphiQL's, typeDepth 9); our
 * deepest real query is about 6, and breadth is the cost cap's job. maxCost 5000 admits a full page
 * of 100 concepts with their tags, explanations and related concepts (3,201) and the schema's
 * introspection, and refuses a second nested page of 100.
 */
export const defaultLimits: QueryLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxTokens: 2000,
  maxDocumentBytes: 20_000,
  maxCost: 5000,
};

export type LimitCode = 'DEPTH' | 'ALIASES' | 'TOKENS' | 'DOCUMENT_SIZE' | 'COST' | 'BATCH';

export type LimitViolation = { code: LimitCode; message: string };

/** The GraphQL `extensions.code` of every limit violation. */
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';
