import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/shared/logger.js';
import type { Database } from '../../src/db/client.js';

/** The real app on an ephemeral port over the given database; migrates and seeds like `serve`. */
export async function startTestApp(database: Database, env: Record<string, string> = {}): Promise<RunningApp> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production', ...env });
  return startApp({ config, logger: createLogger(config.LOG_LEVEL), database });
}

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; locations?: { line: number; column: number }[]; extensions?: { code?: string } }[];
}

/** A GraphQL request over real HTTP, as any client would send it. */
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
  return { status: res.status, headers: res.headers, ...body };
}
