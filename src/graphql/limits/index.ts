import { TokenKind, type DocumentNode, type GraphQLSchema } from 'graphql';
import { queryCost } from './cost.js';
import { documentSizeViolation, exceeds } from './parse.js';
import { shapeOf } from './shape.js';
import type { LimitViolation, QueryLimits } from './types.js';

export { isBatch } from './batch.js';
export { checkPagingArguments } from './arguments.js';
export { ASSUMED_LIST_SIZE, DEFAULT_FIRST, INTROSPECTION_POINTS, queryCost } from './cost.js';
export { parseLimited, tooComplex } from './parse.js';
export { QUERY_TOO_COMPLEX, defaultLimits, type LimitCode, type LimitViolation, type QueryLimits } from './types.js';

/**
 * Every cap the parsed operation breaks, empty when it may run. Run it after validation (which
 * refuses fragment cycles with a clearer message); it stays finite and refuses them regardless.
 */
export function checkLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
  limits: QueryLimits,
): LimitViolation[] {
  const violations: LimitViolation[] = [];
  // parseLimited checks these first; repeated here for documents parsed elsewhere (e.g. by Apollo).
  const source = document.loc?.source.body;
  const size = source === undefined ? undefined : documentSizeViolation(source, limits);
  if (size) violations.push(size);
  const tokens = tokenCount(document);
  if (tokens > limits.maxTokens) violations.push({ code: 'TOKENS', message: exceeds('query token count', tokens, limits.maxTokens) });

  const shape = shapeOf(document, operationName);
  if (shape.depth > limits.maxDepth) violations.push({ code: 'DEPTH', message: exceeds('query depth', shape.depth, limits.maxDepth) });
  if (shape.aliases > limits.maxAliases) violations.push({ code: 'ALIASES', message: exceeds('aliased field count', shape.aliases, limits.maxAliases) });
  if (limits.maxRootFields !== undefined && shape.rootFields > limits.maxRootFields) {
    violations.push({ code: 'BATCH', message: exceeds('root field count', shape.rootFields, limits.maxRootFields) });
  }
  const cost = queryCost(schema, document, variables, operationName);
  if (cost > limits.maxCost) violations.push({ code: 'COST', message: exceeds('query cost', cost, limits.maxCost) });
  return violations;
}

/** Tokens as parse's maxTokens counts them (comments excluded); 0 for a document without locations. */
function tokenCount(document: DocumentNode): number {
  let count = 0;
  for (let token = document.loc?.startToken.next; token && token.kind !== TokenKind.EOF; token = token.next) {
    if (token.kind !== TokenKind.COMMENT) count += 1;
  }
  return count;
}
