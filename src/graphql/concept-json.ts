import { execute, parse, type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from './context.js';

/** The fields /concepts/SLUG returns: the GraphQL `Concept`, its relations by their public fields. */
const conceptCard = parse(`query ConceptCard($slug: String!) {
  concept(slug: $slug) {
    id slug name title summary difficulty
    formula { unicode latex }
    example
    image { url alt credit license sourceUrl }
    tags { id slug name description }
    explanations { id kind body }
    related { id slug name title summary difficulty }
    prerequisites { id slug name title summary difficulty }
    aliases
    references { title authors year url }
    quiz { question choices answerIndex explanation }
    diagram { url alt }
    updatedAt
  }
}`);

/**
 * A concept as GraphQL gives it (global ids, enums as GraphQL spells them, the same fields), for
 * clients of the plain JSON route; null for an unknown slug. Runs the schema's own resolvers,
 * without Apollo: the route charges its own rate limit.
 */
export function conceptJsonReader(schema: GraphQLSchema, context: () => Promise<GraphQLContext>) {
  return async (slug: string): Promise<{ updatedAt: string } | null> => {
    const result = await execute({ schema, document: conceptCard, variableValues: { slug }, contextValue: await context() });
    if (result.errors?.length) throw result.errors[0]!.originalError ?? result.errors[0]!;
    return (result.data?.concept as { updatedAt: string } | null) ?? null;
  };
}
