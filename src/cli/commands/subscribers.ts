import { openConfiguredDatabase } from '../../db/configured.js';
import { migrate } from '../../db/migrate.js';
import { emailAddress } from '../../mail/address.js';
import { addConfirmed, allSubscribers, removeSubscriber, type SubscriberRow } from '../../mail/subscribers/subscribers.queries.js';
import type { CommandContext } from '../command.js';
import { UsageError } from '../usage.js';

const usageLine = 'usage: mlbrief subscribers add EMAIL… | list [--json] | remove EMAIL | export';

/**
 * `subscribers add EMAIL…` (confirmed at once: an import), `list [--json]`, `remove EMAIL` (deletes
 * the address and its history), `export` (CSV). The operator sees addresses; logs never do.
 */
export async function subscribersCommand({ config, flags, positionals, out }: CommandContext): Promise<number> {
  const [action, ...args] = positionals;
  if (flags.json && action !== 'list') throw new UsageError('--json goes with `subscribers list`');
  let emails: string[] = [];
  // Every argument is checked before the database is opened: bad input writes nothing.
  if (action === 'add' || action === 'remove') {
    if (!args.length) throw new UsageError(`subscribers ${action} needs an e-mail address`);
    if (action === 'remove' && args.length > 1) throw new UsageError(`unexpected argument "${args[1]}"`);
    emails = args.map((arg) => {
      const parsed = emailAddress.safeParse(arg);
      if (!parsed.success) throw new UsageError(`"${arg}" is not an e-mail address: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
  } else if (action === 'list' || action === 'export') {
    if (args.length) throw new UsageError(`unexpected argument "${args[0]}"`);
  } else {
    throw new UsageError(usageLine);
  }

  const { database, release } = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    const { db } = database;
    if (action === 'add') {
      for (const email of emails) out(describeAdd(email, await addConfirmed(db, email, new Date())));
    } else if (action === 'remove') {
      if (!(await removeSubscriber(db, emails[0]!))) {
        process.stderr.write(`mlbrief: no subscriber ${emails[0]}\n`);
        return 1;
      }
      out(`removed ${emails[0]} and its delivery history`);
    } else if (action === 'list') {
      for await (const s of allSubscribers(db)) out(flags.json ? JSON.stringify(jsonOf(s)) : `${s.email}  ${s.status}  since ${s.createdAt.toISOString()}`);
    } else {
      out('email,status,created_at,confirmed_at,unsubscribed_at');
      for await (const s of allSubscribers(db)) out([s.email, s.status, s.createdAt.toISOString(), s.confirmedAt?.toISOString() ?? '', s.unsubscribedAt?.toISOString() ?? ''].map(csv).join(','));
    }
    return 0;
  } finally {
    await release();
  }
}

function describeAdd(email: string, result: Awaited<ReturnType<typeof addConfirmed>>): string {
  switch (result) {
    case 'added':
      return `added ${email} (confirmed)`;
    case 'confirmed':
      return `confirmed ${email} (it was pending or bouncing)`;
    case 'already':
      return `${email} is already subscribed`;
    case 'unsubscribed':
      return `${email} unsubscribed earlier: not added back (only they can subscribe again)`;
  }
}

const jsonOf = (s: SubscriberRow) => ({
  email: s.email,
  status: s.status,
  createdAt: s.createdAt.toISOString(),
  confirmedAt: s.confirmedAt?.toISOString() ?? null,
  unsubscribedAt: s.unsubscribedAt?.toISOString() ?? null,
  bounceCount: s.bounceCount,
});

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csv(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
