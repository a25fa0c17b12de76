import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A malformed value. In a query literal the error carries the literal's node, so validation reports
 * it with `locations` (graphql-js passes a GraphQLError thrown by parseLiteral on as it is).
 */
const invalid = (message: string, node?: ValueNode) => new GraphQLError(message, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } });

function parseDate(value: unknown, node?: ValueNode): string {
  if (typeof value === 'string' && isoDate.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)) return value;
  }
  throw invalid('Date must be a calendar date, YYYY-MM-DD', node);
}

function parseDateTime(value: unknown, node?: ValueNode): Date {
  const date = new globalThis.Date(String(value));
  if (typeof value !== 'string' || Number.isNaN(date.getTime())) throw invalid('DateTime must be an ISO 8601 instant', node);
  return date;
}

export const Date_ = new GraphQLScalarType({
  name: 'Date',
  // graphql-tools copies every property of these objects onto the SDL's scalar: keep them equal to schema/common.graphql.
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => (value instanceof globalThis.Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});

export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO 8601 in UTC.',
  serialize: (value) => (value instanceof globalThis.Date ? value : new globalThis.Date(String(value))).toISOString(),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});
