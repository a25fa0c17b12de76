import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config/env.js';
import type { EditionRow } from '../../src/daily/build.js';
import type { EditionSnapshot } from '../../src/daily/snapshot.js';
import { queryRows, type Db } from '../../src/db/client.js';
import { editions } from '../../src/db/schema/index.js';
import { createMailer } from '../../src/mail/mailer.js';
import { createLogger } from '../../src/shared/logger.js';

export const origin = 'https://mlbrief.example';

/** A published edition as the worker would find it: two concepts, one story. */
export async function insertEdition(db: Db, date: string, concept = 'Dropout'): Promise<EditionRow> {
  const content: EditionSnapshot = {
    date,
    publishedAt: `${date}T00:05:00.000Z`,
    window: { start: `${date}T00:00:00.000Z`, end: `${date}T00:00:00.000Z`, reachedBackDays: 1 },
    concepts: [
      { id: 1, slug: concept.toLowerCase().replace(/\W+/g, '-'), name: concept, title: `${concept} explained`, summary: 'A summary — with a dash.' },
      { id: 2, slug: 'attention', name: 'Attention', title: 'Weighting what matters', summary: 'Ünïcode summary.' },
    ],
    stories: [
      {
        rank: 1, score: 3, reasons: ['covered by 2 sources'], storyId: 1, title: 'Open model matches frontier results',
        url: 'https://news.example.com/open-model', summary: 'A story.', sourceId: 1, sourceName: 'Lab Blog',
        publishedAt: `${date}T00:00:00.000Z`, coverage: 1, alsoCoveredBy: [],
      },
    ],
  };
  const [row] = await db
    .insert(editions)
    .values({ date, content, conceptSlugs: content.concepts.map((c) => c.slug), contentHash: `hash-${date}` })
    .returning();
  return row!;
}

export async function addSubscribers(db: Db, emails: string[], status = 'confirmed'): Promise<void> {
  for (let i = 0; i < emails.length; i += 1000) {
    const rows = emails.slice(i, i + 1000).map((email) => ({ email, status }));
    await db.execute(sql`insert into subscribers (email, status) select email, status from json_to_recordset(${JSON.stringify(rows)}::json) as v(email text, status text)`);
  }
}

export async function deliveryRows(db: Db) {
  return queryRows<{ id: number; email: string; state: string; attempts: number; last_code: number | null; next_attempt_at: Date }>(
    db,
    sql`select d.id::int as id, s.email, d.state, d.attempts, d.last_code, d.next_attempt_at from deliveries d join subscribers s on s.id = d.subscriber_id order by d.id`,
  );
}

export async function subscriberRow(db: Db, email: string) {
  const [row] = await queryRows<{ status: string; bounce_count: number }>(db, sql`select status, bounce_count from subscribers where email = ${email}`);
  return row;
}

export function testMailer(smtpUrl: string | undefined, env: Record<string, string> = {}) {
  const config = loadConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: origin, MAIL_FROM: 'mlbrief <brief@mlbrief.example>', ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}), ...env });
  return createMailer(config, createLogger('silent'));
}
