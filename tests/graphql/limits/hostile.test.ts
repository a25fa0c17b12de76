import { GraphQLError, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  checkLimits,
  defaultLimits,
  isBatch,
  parseLimited,
  queryCost,
  type QueryLimits,
} from '../../../src/graphql/limits/index.js';
import { buildSchema } from '../../../src/graphql/schema.js';

const schema = buildSchema();

/** The codes a document breaks, checked as the server will: capped parse, validation, then limits. */
function violations(source: string, variables?: Record<string, unknown>, limits: QueryLimits = defaultLimits) {
  const document = parseLimited(source, limits);
  expect(validate(schema, document)).toEqual([]);
  return checkLimits(schema, document, variables, null, limits);
}

function parseRefusal(source: string, limits: QueryLimits = defaultLimits): GraphQLError {
  try {
    parseLimited(source, limits);
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('parseLimited accepted the document');
}

/** `nest('fields type', 2, 'name')` is `fields { type { fields { type { name } } } }`. */
const nest = (chain: string, times: number, inner: string) => {
  const fields = chain.split(' ');
  return `${fields.join(' { ')} { `.repeat(times) + inner + ' }'.repeat(fields.length * times);
};

describe('hostile queries are refused before execution', () => {
  it('deep nesting', () => {
    const found = violations(`{ concept(slug: "x") { ${nest('related', 20, 'slug')} } }`);
    expect(found.map((v) => v.code)).toEqual(['DEPTH', 'COST']);
    expect(found[0]!.message).toBe('query depth 22 exceeds the limit of 15');
  });

  it('10,000 aliases: too big to parse, and too many aliases when parsed anyway', () => {
    const source = `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect(parseRefusal(source).extensions.code).toBe('QUERY_TOO_COMPLEX');
    const found = checkLimits(schema, parse(source), undefined, null, defaultLimits);
    expect(found.map((v) => v.code)).toEqual(['DOCUMENT_SIZE', 'TOKENS', 'ALIASES']);
    expect(found[2]!.message).toBe('aliased field count 10000 exceeds the limit of 30');
  });

  it('a huge `first`, from a variable, three connections deep', () => {
    const source = `query($first: Int) { concepts(first: $first) { edges { node { tags {
      concepts(first: $first) { edges { node { tags { concepts(first: $first) { edges { node { slug } } } } } } } } } } } }`;
    const found = violations(source, { first: 100 });
    expect(found.map((v) => v.code)).toEqual(['COST']);
    expect(found[0]!.message).toBe('query cost 202202201 exceeds the limit of 5000');
    expect(violations(source, { first: 2 })).toEqual([]);
    expect(violations('{ concepts(first: 1000000) { edges { node { slug } } } }').map((v) => v.code)).toEqual(['COST']);
  });

  it('fragment cycles: validation refuses them, and the limits terminate and refuse them too', () => {
    const source = `{ concept(slug: "x") { ...A } }
      fragment A on Concept { related { ...B } }
      fragment B on Concept { related { ...A } }`;
    const document = parseLimited(source, defaultLimits);
    expect(validate(schema, document).map((e) => e.message)).toEqual(['Cannot spread fragment "A" within itself via "B".']);
    const found = checkLimits(schema, document, undefined, null, defaultLimits);
    expect(found.map((v) => v.code)).toEqual(['DEPTH', 'COST']);
    expect(found[0]!.message).toMatch(/^query depth is unbounded \(fragments spread each other in a cycle\)/);
    const selfSpread = parse('{ ...Q } fragment Q on Query { tags { slug } ...Q }');
    expect(checkLimits(schema, selfSpread, undefined, null, defaultLimits).map((v) => v.code)).toEqual(['DEPTH', 'COST']);
  });

  it('fragments that double at every level are measured once each, not expanded 2^40 times', () => {
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Concept { ...F${i + 1} ...F${i + 1} }`);
    const source = `{ concept(slug: "x") { ...F0 } } ${fragments.join(' ')} fragment F40 on Concept { r: related { slug } }`;
    const found = checkLimits(schema, parseLimited(source, defaultLimits), undefined, null, defaultLimits);
    expect(found.map((v) => v.code)).toEqual(['ALIASES', 'COST']);
    expect(found[0]!.message).toBe(`aliased field count ${2 ** 40} exceeds the limit of 30`);
  });

  it('a multi-megabyte document, counted in bytes', () => {
    const padded = `{ concept(slug: "x") { slug } } # ${'x'.repeat(3_000_000)}`;
    const refusal = parseRefusal(padded);
    expect(refusal.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(refusal.message).toBe('query document size in bytes 3000034 exceeds the limit of 20000');
    expect(parseRefusal(`{ concept(slug: "${'é'.repeat(12_000)}") { slug } }`).message).toMatch(/size in bytes 24030 /);
  });

  it('too many tokens in a small document', () => {
    const refusal = parseRefusal(`{ ${'a '.repeat(3000)}}`);
    expect(refusal.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(refusal.message).toBe('query token count exceeds the limit of 2000');
  });

  it('deep introspection, and introspection within the depth cap that multiplies', () => {
    const measure = (source: string) => {
      const document = parseLimited(source, defaultLimits);
      // graphql-js's own MaxIntrospectionDepthRule refuses both as well; the limits do not rely on it.
      expect(validate(schema, document).map((e) => e.message)).toEqual(['Maximum introspection depth exceeded']);
      return checkLimits(schema, document, undefined, null, defaultLimits);
    };
    const deep = measure(`{ __type(name: "Concept") { ${nest('fields type', 10, 'name')} } }`);
    expect(deep.map((v) => v.code)).toEqual(['DEPTH', 'COST']);
    expect(deep[0]!.message).toBe('query depth 22 exceeds the limit of 15');
    expect(measure(`{ __schema { types { ${nest('fields type', 4, 'name')} } } }`).map((v) => v.code)).toEqual(['COST']);
  });
});

describe('other refusals', () => {
  it.each([
    ['DEPTH', 'maxDepth', `{ concept(slug: "x") { ${nest('related', 3, 'slug')} } }`, 'query depth'],
    ['ALIASES', 'maxAliases', `{ concept(slug: "x") { a: slug b: name c: title d: summary } }`, 'aliased field count'],
    ['COST', 'maxCost', `{ concepts(first: 7) { nodes { slug tags { slug } related { slug } } } }`, 'query cost'],
  ] as const)('%s: a query exactly at its limit passes, one over is refused', (code, limit, source, what) => {
    // The query's own measure, read from the refusal under a limit of 0.
    const measured = violations(source, undefined, { ...defaultLimits, [limit]: 0 }).find((v) => v.code === code)!;
    const value = Number(new RegExp(`^${what} (\\d+) exceeds`).exec(measured.message)![1]);
    expect(value).toBeGreaterThan(1);
    expect(violations(source, undefined, { ...defaultLimits, [limit]: value }).map((v) => v.code)).toEqual([]);
    expect(violations(source, undefined, { ...defaultLimits, [limit]: value - 1 }).map((v) => v.code)).toEqual([code]);
  });

  it('syntax errors stay graphql-js syntax errors', () => {
    const refusal = parseRefusal('{ concept(slug: ');
    expect(refusal.message).toMatch(/^Syntax Error/);
    expect(refusal.extensions.code).toBeUndefined();
  });

  it('too many root fields, when capped, count as a batch', () => {
    const found = violations('{ a: tags { slug } b: tags { slug } c: tags { slug } }', undefined, { ...defaultLimits, maxRootFields: 2 });
    expect(found).toEqual([{ code: 'BATCH', message: 'root field count 3 exceeds the limit of 2' }]);
  });

  it('a JSON array body is a batch', () => {
    expect(isBatch([{ query: '{ tags { slug } }' }])).toBe(true);
    expect(isBatch([])).toBe(true);
    expect(isBatch({ query: '{ tags { slug } }' })).toBe(false);
    expect(isBatch('[]')).toBe(false);
  });

  it('costs only the operation that runs', () => {
    const document = parse('query Small { tags { slug } } query Big { concepts(first: 100) { edges { node { related { slug } } } } }');
    expect(checkLimits(schema, document, undefined, 'Small', { ...defaultLimits, maxCost: 100 })).toEqual([]);
    expect(queryCost(schema, document, undefined, 'Big')).toBe(1201);
  });
});
