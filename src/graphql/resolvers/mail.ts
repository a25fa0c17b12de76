import { bucketOf } from '../../access/client.js';
import { parsedWindow, windowOf } from '../../content/pagination.js';
import type { SubscriberStatus } from '../../db/schema/index.js';
import { subscribeAnswer } from '../../mail/subscribers/subscribe.js';
import { countSubscribers, subscriberPage, type SubscriberRow } from '../../mail/subscribers/subscribers.queries.js';
import { requireAdmin } from '../auth.js';
import type { MutationResolvers, QueryResolvers, SubscriberResolvers, SubscriptionStatus } from '../generated/resolvers.js';
import { toGlobalId } from '../ids.js';
import { connectionResolvers } from './connections.js';

export const mailQueries: Pick<QueryResolvers, 'subscribers'> = {
  subscribers: async (_, args, { db, admin }) => {
    requireAdmin(admin);
    const window = parsedWindow(windowOf(args), (key) => (/^\d{1,15}$/.test(key) ? Number(key) : undefined));
    const status = args.status ? (args.status.toLowerCase() as SubscriberStatus) : undefined;
    const page = await subscriberPage(db, { size: window.size, afterId: window.after, beforeId: window.before, backward: window.backward, status });
    return { page, totalCount: () => countSubscribers(db, status) };
  },
};

/** Public: anyone may ask, and the answers say nothing about who is subscribed. */
export const mailMutations: Pick<MutationResolvers, 'subscribe' | 'confirmSubscription' | 'unsubscribe'> = {
  subscribe: async (_, { email }, { mail, client }) => {
    await mail.subscribe(email, bucketOf(client));
    return { accepted: true, message: subscribeAnswer };
  },
  confirmSubscription: async (_, { token }, { mail }) => {
    await mail.confirm(token);
    return { status: 'CONFIRMED' };
  },
  unsubscribe: async (_, { token }, { mail }) => {
    await mail.unsubscribe(token);
    return { status: 'UNSUBSCRIBED' };
  },
};

export const Subscriber: SubscriberResolvers = {
  id: (s) => toGlobalId('Subscriber', s.id),
  status: (s) => s.status.toUpperCase() as SubscriptionStatus,
};

export const SubscriberConnection = connectionResolvers<SubscriberRow>((s) => String(s.id));
