import type { Database } from '../db/client.js';
import type { Logger } from '../shared/logger.js';
import { redactError } from './address.js';
import { BackgroundJobs } from './background.js';
import type { Mailer } from './mailer.js';
import { confirmSubscription } from './subscribers/confirm.js';
import { requestSubscription, type SubscribeLimits } from './subscribers/subscribe.js';
import { checkUnsubscribeToken, unsubscribe } from './subscribers/unsubscribe.js';

/** The subscription flow as the HTTP routes and GraphQL resolvers call it. */
export interface MailService {
  mailer: Mailer;
  /** `client` names who is asking (its limit bucket): an address, or an API key. */
  subscribe(email: unknown, client: string): Promise<void>;
  confirm(token: unknown): Promise<void>;
  checkUnsubscribe(token: unknown): Promise<void>;
  unsubscribe(token: unknown): Promise<void>;
  /** Resolves when the background work of earlier requests is done (tests, shutdown). */
  idle(): Promise<void>;
}

export interface MailServiceDeps {
  database: Database;
  mailer: Mailer;
  logger: Logger;
  limits?: SubscribeLimits;
  now?: () => Date;
}

export function createMailService(deps: MailServiceDeps): MailService {
  const logger = deps.logger.child({ component: 'mail' });
  const now = deps.now ?? (() => new Date());
  // Mail servers quote the recipient in their errors: the log gets the message with addresses hashed.
  const jobs = new BackgroundJobs((err) => logger.error({ err: redactError(err) }, 'subscribe request failed in the background'));
  const subscription = { ...deps, logger, jobs };
  const { db } = deps.database;
  return {
    mailer: deps.mailer,
    subscribe: (email, client) => requestSubscription(subscription, email, client),
    confirm: (token) => confirmSubscription(db, token, now()),
    checkUnsubscribe: (token) => checkUnsubscribeToken(db, token),
    unsubscribe: (token) => unsubscribe(db, token, now()),
    idle: () => jobs.idle(),
  };
}
