import { GraphQLError, Kind, valueFromASTUntyped, type ArgumentNode, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { decodeCursor, maxPageSize } from '../../content/pagination.js';
import { AppError } from '../../shared/errors.js';
import { fragmentsOf, operationsToRun, type Fragments } from './operations.js';

/**
 * The paging arguments of every field the operation would run (`first`/`last` 1–100, `after`/
 * `before` cursors this API returned, not `first` with `last`), checked before the query is charged
 * or run: a query refused for its arguments costs nothing. The resolvers check them again.
 */
export function checkPagingArguments(document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): void {
  const fragments = fragmentsOf(document);
  for (const op of operationsToRun(document, operationName)) walk(op.selectionSet, op, fragments, variables ?? {}, new Set());
}

function walk(set: SelectionSetNode, op: OperationDefinitionNode, fragments: Fragments, variables: Record<string, unknown>, seen: Set<string>): void {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (s.arguments?.length) checkField(s.arguments, op, variables);
      if (s.selectionSet) walk(s.selectionSet, op, fragments, variables, seen);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      walk(s.selectionSet, op, fragments, variables, seen);
    } else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      if (fragment) walk(fragment.selectionSet, op, fragments, variables, seen);
    }
  }
}

function checkField(args: readonly ArgumentNode[], op: OperationDefinitionNode, variables: Record<string, unknown>): void {
  const given = new Map<string, ArgumentNode>();
  for (const arg of args) {
    const name = arg.name.value;
    if (name !== 'first' && name !== 'last' && name !== 'after' && name !== 'before') continue;
    const value = valueOf(arg, op, variables);
    if (value === null || value === undefined) continue;
    given.set(name, arg);
    if (name === 'first' || name === 'last') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > maxPageSize) {
        throw invalid(`${name} must be between 1 and ${maxPageSize}, got ${String(value)}`, arg);
      }
    } else if (typeof value === 'string') {
      try {
        decodeCursor(value, name);
      } catch (error) {
        if (error instanceof AppError) throw invalid(error.message, arg);
        throw error;
      }
    }
  }
  if (given.has('first') && given.has('last')) throw invalid('pass first or last, not both', given.get('last')!);
}

function valueOf(arg: ArgumentNode, op: OperationDefinitionNode, variables: Record<string, unknown>): unknown {
  if (arg.value.kind !== Kind.VARIABLE) return valueFromASTUntyped(arg.value);
  const name = arg.value.name.value;
  if (name in variables) return variables[name];
  const fallback = op.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
  return fallback && valueFromASTUntyped(fallback);
}

const invalid = (message: string, node: ArgumentNode) =>
  new GraphQLError(message, { nodes: node, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
