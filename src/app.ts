import type { Config } from './config/env.js';
import { publicOrigin } from './config/public-url.js';
import { parseTrustProxy } from './config/trust-proxy.js';
import { seedIfEmpty } from './content/seeds/seed-if-empty.js';
import { defaultSeedsDir } from './content/seeds/read-seeds.js';
import type { Database } from './db/client.js';
import { openConfiguredDatabase } from './db/configured.js';
import { migrate } from './db/migrate.js';
import { createGraphQLServer } from './graphql/server.js';
import { createMailer } from './mail/mailer.js';
import { createMailService, type MailService } from './mail/service.js';
import type { SubscribeLimits } from './mail/subscribers/subscribe.js';
import { createRequestHandler } from './http/app.js';
import { listen } from './http/server.js';
import { fetchOptions } from './news/fetch-options.js';
import type { Logger } from './shared/logger.js';
import { startScheduler } from './worker/scheduler.js';

export interface RunningApp {
  url: string;
  database: Database;
  mail: MailService;
  stop(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  /** An already open database (tests); otherwise the configured one is opened and owned. */
  database?: Database;
  seedsDir?: string;
  /** Run the scheduler (ingest, editions) in this process too. */
  worker?: boolean;
  /** Limits on subscribe requests (tests); the defaults otherwise. */
  subscribeLimits?: SubscribeLimits;
}

/** Migrate, seed an empty database, serve HTTP. What `mlbrief serve` and `npm start` run. */
export async function startApp({
  config,
  logger,
  database: given,
  seedsDir = defaultSeedsDir,
  worker = false,
  subscribeLimits,
}: StartOptions): Promise<RunningApp> {
  const opened = given ? { database: given, release: async () => {} } : await openConfiguredDatabase(config);
  const { database } = opened;
  try {
    const { applied } = await migrate(database.db);
    if (applied.length) logger.info({ applied: applied.length }, 'applied migrations');
    const seeded = await seedIfEmpty(database.db, seedsDir);
    if (seeded) logger.info(seeded, 'seeded an empty database');
    const rateLimits = {
      anonymous: config.RATE_LIMIT_ANONYMOUS,
      apiKey: config.RATE_LIMIT_API_KEY,
      windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    };
    const limits = {
      maxDepth: config.GRAPHQL_MAX_DEPTH,
      maxAliases: config.GRAPHQL_MAX_ALIASES,
      maxTokens: config.GRAPHQL_MAX_TOKENS,
      maxCost: config.GRAPHQL_MAX_COST,
      maxDocumentBytes: config.GRAPHQL_MAX_DOCUMENT_BYTES,
    };
    const mailer = createMailer(config, logger);
    const mail = createMailService({ database, mailer, logger, limits: subscribeLimits });
    const apollo = await createGraphQLServer({
      introspection: config.GRAPHQL_INTROSPECTION,
      production: config.NODE_ENV === 'production',
      logger,
      limits,
      rateLimits,
    });
    // Until the server listens the port may be unknown (PORT=0); links use the real one.
    let origin = publicOrigin(config);
    const handler = createRequestHandler({
      database,
      apollo,
      logger,
      adminToken: config.ADMIN_TOKEN,
      fetchOptions: fetchOptions(config),
      timeZone: config.EDITION_TIMEZONE,
      rateLimits,
      maxDocumentBytes: limits.maxDocumentBytes,
      corsOrigins: config.CORS_ORIGINS,
      trustProxy: parseTrustProxy(config.TRUST_PROXY),
      origin: () => origin,
      mail,
    });
    const http = await listen(handler, config.HOST, config.PORT);
    origin = publicOrigin({ ...config, PORT: Number(new URL(http.url).port) });
    const scheduler = worker ? startScheduler({ config, database, logger, mailer }) : undefined;
    logger.info({ url: http.url, database: database.kind, worker }, 'mlbrief is serving');
    return {
      url: http.url,
      database,
      mail,
      stop: async () => {
        await scheduler?.stop();
        await http.close();
        await apollo.stop();
        await mail.idle();
        await mailer.transport.close();
        await opened.release();
      },
    };
  } catch (error) {
    await opened.release();
    throw error;
  }
}
