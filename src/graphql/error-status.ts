import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * One HTTP status per error code, whichever layer raised it (a resolver, variable coercion, a
 * plugin): the README's error table. PERSISTED_QUERY_NOT_FOUND stays 200 as Apollo sends it, so
 * Apollo Client's persisted-query link retries with the document.
 */
export const statusOfCode: Readonly<Record<string, number>> = {
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  QUERY_TOO_COMPLEX: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  PERSISTED_QUERY_NOT_FOUND: 200,
  INTERNAL_SERVER_ERROR: 500,
};

/** Sets the response status from the first error's code, unless a layer already chose a non-200 one. */
export function errorStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || (response.http.status ?? 200) !== 200) return;
          const code = response.body.singleResult.errors?.[0]?.extensions?.code;
          const status = typeof code === 'string' ? statusOfCode[code] : undefined;
          if (status !== undefined) response.http.status = status;
        },
      };
    },
  };
}

/**
 * The schema has no Subscription type: graphql-js 16 only finds that out while executing (and
 * Apollo then reports a server fault). Refused at validation instead, with the operation's location.
 */
export function noSubscriptionsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation === 'subscription' && !context.getSchema().getSubscriptionType()) {
        context.reportError(new GraphQLError('this API has no subscriptions: send a query or a mutation', { nodes: node }));
      }
    },
  };
}

/** "Did you mean …?" names schema members; production leaves it out of every message. */
export const withoutHints = (message: string): string => message.replace(/ ?Did you mean [^?]*\?/g, '').trimEnd();
