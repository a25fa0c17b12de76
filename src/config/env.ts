import { z } from 'zod';
import { validate as validateCron } from 'node-cron';
import { ConfigError } from './config-error.js';
import { trustProxyProblem } from './trust-proxy.js';

/** Every environment variable mlbrief reads, validated once at start-up (names: shared/PRODUCT.md). */

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const cron = z.string().refine((v) => validateCron(v), 'must be a node-cron expression, e.g. "*/30 * * * *"');

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone, e.g. UTC or Europe/Berlin');

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

/** An origin such as https://mlbrief.example, kept without a trailing slash. */
const publicUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. https://mlbrief.example' })
  .transform((v) => v.replace(/\/+$/, ''));

const smtpUrl = z.string().regex(/^smtps?:\/\/[^/]/, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@host:587');

const count = (min: number) => z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(min);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: count(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  INGEST_CRON: cron.default('*/30 * * * *'),
  EDITION_CRON: cron.default('5 0 * * *'),
  /** The worker fetches once at start-up when the last pass is older than the ingest interval. */
  INGEST_ON_START: bool.default(true),
  EDITION_TIMEZONE: timezone.default('UTC'),
  FETCH_ALLOW_PRIVATE_NETWORKS: bool.default(false),
  FETCH_TIMEOUT_MS: count(100).default(20_000),
  FETCH_MAX_BYTES: count(1024).default(10_485_760),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GRAPHQL_INTROSPECTION: bool.default(true),
  RATE_LIMIT_ANONYMOUS: count(0).default(5000),
  RATE_LIMIT_API_KEY: count(0).default(50_000),
  RATE_LIMIT_WINDOW_SECONDS: count(1).default(3600),
  GRAPHQL_MAX_DEPTH: count(1).default(15),
  GRAPHQL_MAX_ALIASES: count(0).default(30),
  GRAPHQL_MAX_TOKENS: count(10).default(2000),
  GRAPHQL_MAX_COST: count(1).default(5000),
  GRAPHQL_MAX_DOCUMENT_BYTES: count(100).default(20_000),
  CORS_ORIGINS: z
    .string()
    .default('*')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
  /** Unset: links are built from HOST and PORT (a local install); see shared/PRODUCT.md. */
  PUBLIC_URL: publicUrl.optional(),
  /** Unset: trust no proxy. A hop count ("1") or comma-separated addresses/CIDRs; parsed where it is used. */
  TRUST_PROXY: z
    .string()
    .superRefine((v, ctx) => {
      const problem = trustProxyProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `must be a hop count or addresses/CIDRs: ${problem}` });
    })
    .optional(),
  /** Unset: e-mails are written as .eml files under DATA_DIR/outbox. */
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: z.string().min(3).default('mlbrief <brief@localhost>'),
  /** Unset: List-Unsubscribe carries the https link only. A mailbox that takes "unsubscribe" mails. */
  MAIL_UNSUBSCRIBE_MAILTO: z.string().regex(/^[^@\s<>]+@[^@\s<>]+$/, 'must be a bare address, e.g. unsubscribe@mlbrief.example').optional(),
});

export type Config = z.output<typeof envSchema>;

/** Parses the environment; every problem is named in one line so the operator fixes all at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}
