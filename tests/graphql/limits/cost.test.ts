import { getIntrospectionQuery, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkLimits, defaultLimits, queryCost } from '../../../src/graphql/limits/index.js';
import { buildSchema } from '../../../src/graphql/schema.js';

const schema = buildSchema();

function costOf(source: string, variables?: Record<string, unknown>, operationName?: string) {
  const document = parse(source);
  expect(validate(schema, document)).toEqual([]);
  return queryCost(schema, document, variables, operationName);
}

describe('queryCost', () => {
  it('charges 1 per object and nothing for scalars, enums and __typename', () => {
    expect(costOf('{ concept(slug: "dropout") { slug difficulty __typename formula { latex } } }')).toBe(2);
  });

  it('multiplies a connection page by `first`: from the argument, a variable, its default, or the SDL default', () => {
    const page = 'edges { node { slug } }';
    expect(costOf(`{ concepts(first: 5) { ${page} } }`)).toBe(1 + 5 + 5);
    expect(costOf(`query($n: Int) { concepts(first: $n) { ${page} } }`, { n: 50 })).toBe(1 + 50 + 50);
    expect(costOf(`query($n: Int = 7) { concepts(first: $n) { ${page} } }`)).toBe(1 + 7 + 7);
    expect(costOf(`query($n: Int) { concepts(first: $n) { ${page} } }`, { n: null })).toBe(1 + 20 + 20);
    expect(costOf(`{ concepts { ${page} } }`)).toBe(1 + 20 + 20);
  });

  it('counts pageInfo once per connection and totalCount not at all', () => {
    expect(costOf('{ concepts(first: 100) { totalCount pageInfo { hasNextPage } } }')).toBe(2);
  });

  it('assumes 10 items for a list without `first`, and `first` items for one with it', () => {
    expect(costOf('{ tags { slug } }')).toBe(10);
    expect(costOf('{ concept(slug: "x") { related { related { slug } } } }')).toBe(1 + 10 + 100);
    expect(costOf('{ search(query: "x", first: 3) { score concept { slug } } }')).toBe(3 + 3);
    expect(costOf('{ concept(slug: "x") { stories { title } } }')).toBe(1 + 10);
  });

  it('multiplies a nested connection by its parent objects', () => {
    expect(costOf('{ tags { concepts(first: 5) { edges { node { slug } } } } }')).toBe(10 + 10 * (1 + 5 + 5));
  });

  it('expands named and inline fragments as if written in place', () => {
    const inline = '{ concepts(first: 5) { edges { node { tags { slug } } } } }';
    const spread = `{ concepts(first: 5) { ...Page } }
      fragment Page on ConceptConnection { edges { node { ... on Concept { ...Tags } } } }
      fragment Tags on Concept { tags { slug } }`;
    expect(costOf(spread)).toBe(costOf(inline));
    expect(costOf('{ node(id: "x") { ... on Concept { related { slug } } } }')).toBe(1 + 10);
  });

  it('measures the named operation', () => {
    const source = 'query Cheap { tags { slug } } query Dear { concepts(first: 100) { edges { node { slug } } } }';
    expect(costOf(source, undefined, 'Cheap')).toBe(10);
    expect(costOf(source, undefined, 'Dear')).toBe(201);
  });

  it('counts introspection, sizing its lists by this schema', () => {
    const types = Object.keys(schema.getTypeMap()).length;
    expect(costOf('{ __schema { types { name } } }')).toBe(1 + types);
    expect(costOf('{ __type(name: "Concept") { name } }')).toBe(1);
  });
});

describe('normal queries pass the default limits', () => {
  const cases: [string, string, Record<string, unknown> | undefined, number][] = [
    [
      'a page of 100 concepts with tags, explanations and related',
      'query($first: Int) { concepts(first: $first) { edges { node { slug tags { slug } explanations { kind } related { slug } } } } }',
      { first: 100 },
      3201,
    ],
    [
      'the daily query',
      `query($date: Date) { daily(date: $date) { id date publishedAt conceptOfTheDay { slug } concepts { slug }
        topStories { rank score reasons story { title url coverage alsoCoveredBy { source { name } } source { name } } } } }`,
      { date: '2026-01-01' },
      242,
    ],
    [
      "the explorer's default query",
      '{ concepts(first: 5) { totalCount edges { node { slug title summary tags { slug } } } } }',
      undefined,
      61,
    ],
  ];

  it.each(cases)('%s', (_, source, variables, cost) => {
    const document = parse(source);
    expect(validate(schema, document)).toEqual([]);
    expect(queryCost(schema, document, variables)).toBe(cost);
    expect(checkLimits(schema, document, variables, null, defaultLimits)).toEqual([]);
  });

  it.each([
    ['graphql-js', getIntrospectionQuery()],
    ['GraphiQL', getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true })],
  ])("%s's standard introspection query", (_, source) => {
    const document = parse(source);
    expect(validate(schema, document)).toEqual([]);
    expect(checkLimits(schema, document, undefined, 'IntrospectionQuery', defaultLimits)).toEqual([]);
    expect(queryCost(schema, document, undefined)).toBeLessThan(defaultLimits.maxCost);
  });
});
