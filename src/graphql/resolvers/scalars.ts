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
  description: "A calendar date, YYYY-MM-DD (RFC 3339 full-date), in the server's `EDITION_TIMEZONE` when it names a day of the brief.",
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize: (value) => (value instanceof globalThis.Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});

export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO 8601 / RFC 3339 date-time in UTC with milliseconds, e.g. `2026-11-27T08:30:00.000Z`.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize: (value) => (value instanceof globalThis.Date ? value : new globalThis.Date(String(value))).toISOString(),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});

function parseUrl(value: unknown, node?: ValueNode): string {
  if (typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)) return value;
  throw invalid('URL must be an absolute http(s) URL', node);
}

/** Stored URLs are served as they are; as an input, one is checked to be an absolute http(s) URL. */
export const Url = new GraphQLScalarType({
  name: 'URL',
  description: 'An absolute http(s) URL, as a string.',
  specifiedByURL: 'https://url.spec.whatwg.org/',
  serialize: (value) => String(value),
  parseValue: (value) => parseUrl(value),
  parseLiteral: (ast) => parseUrl(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});
