import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainEdition, publishEdition } from '../../src/daily/build.js';
import { explainLines } from '../../src/daily/explain.js';
import { conceptsForDate } from '../../src/daily/rotation/index.js';
import { queryRows } from '../../src/db/client.js';
import { runIngest } from '../../src/news/ingest.js';
import { addSource, listSources } from '../../src/news/sources.queries.js';
import { kindOf } from '../../src/news/kind.js';
import { publisherOf } from '../../src/news/publisher.js';
import { addDays, dateIn, startOfDay } from '../../src/shared/dates.js';
import { createLogger } from '../../src/shared/logger.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFeedServer, xml } from '../support/feed-server.js';
import { arxivRss, hnrss, outletRss, type ArxivItem, type HnItem, type OutletItem } from '../support/real-feeds.js';

const tz = 'UTC';
const today = dateIn(tz, new Date());
const at = (date: string, hour: number) => new Date(startOfDay(date, tz).getTime() + hour * 3_600_000);
// Editions: busy = today − 2 (its news: today − 3), thin = today − 1 (news: today − 2), last = today.
const busy = addDays(today, -2);
const thin = addDays(today, -1);
const busyNews = addDays(today, -3);
const thinNews = addDays(today, -2);
const lastNews = addDays(today, -1);
const acmeUrl = 'https://acme.example/news/vision-2-multimodal-model';

const feeds: {
  lg: ArxivItem[];
  ai: ArxivItem[];
  hn: HnItem[];
  acme: OutletItem[];
  gradient: OutletItem[];
  verge: OutletItem[];
  ars: OutletItem[];
  gadgets: OutletItem[];
} = {
  lg: [
    { id: '2503.10001', title: 'Sparse mixture-of-experts transformers for long-context language modeling', abstract: 'We train sparse transformers.', announce: 'new', date: at(busyNews, 4) },
    { id: '2503.10002', title: 'Calibrated uncertainty for deep reinforcement learning agents', abstract: 'Reinforcement learning with calibration.', announce: 'new', date: at(busyNews, 4) },
    { id: '2503.10003', title: 'Contrastive embeddings for protein language models', abstract: 'Embeddings for proteins.', announce: 'new', date: at(busyNews, 4) },
    { id: '2311.09999', version: 4, title: 'An old neural network paper, replaced again', abstract: 'Version four of a deep learning paper.', announce: 'replace', date: at(busyNews, 4) },
  ],
  ai: [
    { id: '2503.10001', title: 'Sparse mixture-of-experts transformers for long-context language modeling', abstract: 'We train sparse transformers.', announce: 'cross', date: at(busyNews, 4) },
    { id: '2503.10004', title: 'Planning with language model agents in open worlds', abstract: 'LLM agents that plan.', announce: 'new', date: at(busyNews, 4) },
  ],
  hn: [
    { id: 101, title: 'Acme Vision 2 multimodal model', url: acmeUrl, points: 640, comments: 310, date: at(busyNews, 15) },
    { id: 102, title: 'Calibrated uncertainty for deep RL agents [pdf]', url: 'https://arxiv.org/pdf/2503.10002v1', points: 280, comments: 95, date: at(busyNews, 16) },
    { id: 103, title: 'Ask HN: Is anyone using Acme Vision 2 in production?', points: 150, comments: 220, date: at(busyNews, 18) },
    { id: 104, title: 'Gradient Labs weather diffusion model', url: 'https://gradientlabs.example/blog/weather-diffusion', points: 90, comments: 40, date: at(thinNews, 12) },
  ],
  acme: [
    { title: 'Acme releases Vision 2, a multimodal language model that understands video', path: '/news/vision-2-multimodal-model', summary: 'Our new multimodal AI model.', date: at(busyNews, 14) },
    { title: 'Acme fine-tunes small language models for on-device translation', path: '/news/on-device-translation', summary: 'Fine-tuning LLMs for phones.', date: at(busyNews, 9) },
  ],
  gradient: [
    { title: 'Gradient Labs open-sources a diffusion model for weather forecasting', path: '/blog/weather-diffusion', summary: 'A diffusion model trained on reanalysis data.', date: at(thinNews, 10) },
    { title: 'How we train neural networks on a budget', path: '/blog/budget-training', summary: 'Machine learning on a budget.', date: at(busyNews, 8) },
    { title: 'Notes on transformer interpretability', path: '/blog/interpretability-notes', summary: 'Probing attention heads.', date: at(busyNews, 6) },
    { title: 'Speculative decoding speeds up LLM inference on laptops', path: '/blog/speculative-decoding', summary: 'Faster large language model inference.', date: at(busyNews, 5) },
    { title: 'Distilling diffusion models into one-step image generators', path: '/blog/diffusion-distillation', summary: 'Knowledge distillation for generative models.', date: at(busyNews, 4) },
  ],
  verge: [
    { title: "Acme's Vision 2 multimodal language model can now understand video", path: '/2025/acme-vision-2-multimodal-video', summary: 'The AI model watches clips.', date: at(busyNews, 16) },
    { title: 'Tesla recalls Model Y over a seat belt fault', path: '/2025/tesla-model-y-recall', summary: 'The recall covers cars built last year.', date: at(busyNews, 11) },
    { title: 'This robot vacuum uses computer vision to dodge cables', path: '/2025/robot-vacuum-vision', summary: 'On-device neural networks.', date: at(busyNews, 10) },
  ],
  ars: [
    { title: 'Acme Vision 2: multimodal language model understands video clips', path: '/ai/2025/acme-vision-2-multimodal-model-video', summary: 'A look at the new AI model.', date: at(busyNews, 17) },
    { title: 'Tesla recalls Model Y cars over seat belt fault', path: '/cars/2025/tesla-recalls-model-y', summary: 'Another recall.', date: at(busyNews, 12) },
    { title: 'Open-weights language model tops coding benchmark', path: '/ai/2025/open-weights-coding', summary: 'An open-weights LLM.', date: at(thinNews, 15) },
  ],
  gadgets: [
    { title: 'Marathon training plan: a model week for beginners', path: '/fitness/marathon-plan', summary: 'Training for your first race.', date: at(busyNews, 7) },
    { title: 'The best laptops for machine learning students', path: '/laptops/ml-students', summary: 'GPUs for deep learning coursework.', date: at(lastNews, 9) },
  ],
};

const routes = {
  '/arxiv/cs.LG': () => arxivRss('cs.LG', feeds.lg),
  '/arxiv/cs.AI': () => arxivRss('cs.AI', feeds.ai),
  '/hn': () => hnrss(feeds.hn),
  '/acme': () => outletRss('https://acme.example/', 'Acme News', feeds.acme),
  '/gradient': () => outletRss('https://gradientlabs.example/', 'Gradient Labs Blog', feeds.gradient),
  '/verge': () => outletRss('https://www.verge.example/', 'The Verge: AI', feeds.verge),
  '/ars': () => outletRss('https://arstechnica.example/', 'Ars Technica: AI', feeds.ars),
  '/gadgets': () => outletRss('https://gadgets.example/', 'Gadgets Daily', feeds.gadgets),
};
const weights: Record<string, number> = { '/arxiv/cs.LG': 1, '/arxiv/cs.AI': 1, '/hn': 1, '/acme': 3, '/gradient': 2, '/verge': 1.5, '/ars': 1.5, '/gadgets': 1 };

describe(`several real-shaped days through the whole pipeline on ${backend}`, () => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof startFeedServer>>;
  const deps = () => ({ database, timeZone: tz });
  const ingest = () =>
    runIngest(
      { database, logger: createLogger('silent'), fetch: { timeoutMs: 5000, maxBytes: 1_000_000, allowPrivateNetworks: true, userAgent: 't' } },
      { trigger: 'cli' },
    );
  const titles = (edition: Awaited<ReturnType<typeof publishEdition>>) => edition.content.stories.map((s) => s.title);

  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    await database.db.execute(sql`delete from sources`); // no real feeds in tests
    server = await startFeedServer(Object.fromEntries(Object.entries(routes).map(([path, body]) => [path, (req, res) => xml(body())(req, res)])));
    for (const path of Object.keys(routes)) await addSource(database.db, { url: server.url(path), name: path.slice(1), weight: weights[path] });
    await ingest();
  });
  afterAll(async () => {
    await server.close();
    await database.dispose();
  });

  it('infers publishers from site links and detects the aggregator', async () => {
    const sources = new Map((await listSources(database.db)).map((s) => [new URL(s.url).pathname, s]));
    expect(publisherOf(sources.get('/arxiv/cs.LG')!)).toBe('arXiv');
    expect(publisherOf(sources.get('/arxiv/cs.AI')!)).toBe('arXiv');
    expect(publisherOf(sources.get('/verge')!)).toBe('verge.example');
    expect(publisherOf(sources.get('/hn')!)).toBe('ycombinator.com');
    expect(kindOf(sources.get('/hn')!)).toBe('aggregator');
    expect(kindOf(sources.get('/ars')!)).toBe('feed');
  });

  it('busy day: the event three publishers and an aggregator covered leads; no replacement, no off-topic story, at most two preprints', async () => {
    const edition = await publishEdition(deps(), busy);
    const [first, ...rest] = edition.content.stories;
    expect(first!.title).toBe('Acme releases Vision 2, a multimodal language model that understands video');
    expect(first!.coverage).toBe(4); // acme.example, verge.example, arstechnica.example, Hacker News
    expect(first!.reasons[0]).toBe('covered by 4 publishers: acme.example, verge.example, arstechnica.example and ycombinator.com');
    expect(first!.reasons).toContain('endorsed by readers: 640 points, 310 comments');
    expect(edition.content.stories).toHaveLength(5);
    const shown = titles(edition).join('\n');
    expect(shown).not.toMatch(/Tesla|Marathon|replaced again|Ask HN/);
    expect(edition.content.stories.filter((s) => s.publisher === 'arXiv').length).toBeLessThanOrEqual(2);
    // The endorsed preprint has two publishers and makes the five; the cross-listed one is one paper.
    const endorsed = rest.find((s) => s.title.startsWith('Calibrated uncertainty'));
    expect(endorsed?.coverage).toBe(2);
    expect(titles(edition).filter((t) => t.startsWith('Sparse mixture-of-experts')).length).toBeLessThanOrEqual(1);

    const { plan } = await explainEdition(database.db, busy, tz, new Date());
    if (process.env.EXPLAIN) console.log(explainLines(busy, plan).join('\n'));
    const why = (prefix: string) => plan.ranked.find((r) => r.cluster.representative.title.startsWith(prefix))!.outcome;
    expect(why('Tesla recalls')).toMatchObject({ excluded: expect.stringMatching(/^off-topic/) });
    expect(why('Marathon')).toMatchObject({ excluded: expect.stringMatching(/^off-topic/) });
    expect(why('An old neural network paper')).toEqual({ excluded: 'an arXiv replacement: a new version of a paper announced before, not news' });
    const crossListed = plan.ranked.find((r) => r.cluster.representative.title.startsWith('Sparse mixture-of-experts'))!;
    expect(crossListed.cluster.members).toHaveLength(2);
    expect(crossListed.cluster.publishers).toEqual(['arXiv']);
    const ask = plan.ranked.find((r) => r.cluster.representative.title.startsWith('Ask HN'))!;
    expect(ask.cluster.members).toHaveLength(1);
  });

  it("thin day: its own two stories first, then reach-back fills with stories no edition showed, and only those say so", async () => {
    const busyIds = new Set((await publishEdition(deps(), busy)).content.stories.flatMap((s) => [s.storyId, ...s.alsoCoveredBy.map((a) => a.storyId)]));
    const edition = await publishEdition(deps(), thin);
    if (process.env.EXPLAIN) console.log(explainLines(thin, (await explainEdition(database.db, thin, tz, new Date())).plan).join('\n'));
    const stories = edition.content.stories;
    expect(stories.slice(0, 2).map((s) => s.title).sort()).toEqual([
      'Gradient Labs open-sources a diffusion model for weather forecasting',
      'Open-weights language model tops coding benchmark',
    ]);
    expect(stories.length).toBe(5);
    const note = /filling a place the day's own stories left empty/;
    expect(stories.slice(0, 2).every((s) => !s.reasons.some((r) => note.test(r)))).toBe(true);
    expect(stories.slice(2).every((s) => s.reasons.some((r) => note.test(r)))).toBe(true);
    expect(stories.slice(2).every((s) => !busyIds.has(s.storyId))).toBe(true);
    expect(edition.content.window.reachedBackDays).toBe(2);
  });

  it('late arrival: an item of a published window, first seen afterwards, is in the next edition and says so', async () => {
    const title = 'Acme opens a robotics research lab in Zurich for embodied AI';
    feeds.acme.push({ title, path: '/news/zurich-robotics-lab', summary: 'Machine learning for robots.', date: at(thinNews, 20) });
    await ingest();
    expect(titles(await publishEdition(deps(), thin))).not.toContain(title); // frozen
    const next = await publishEdition(deps(), today);
    if (process.env.EXPLAIN) console.log(explainLines(today, (await explainEdition(database.db, today, tz, new Date())).plan).join('\n'));
    const late = next.content.stories.find((s) => s.title === title);
    expect(late?.reasons).toContain(`arrived after the edition of ${thin} was published, so it is in this one`);
  });

  it('backfill: editions published in any order show each date its own concepts and repeat no story', async () => {
    const early = addDays(today, -3);
    const edition = await publishEdition(deps(), early); // after the later ones
    const published = await queryRows<{ slug: string; created_at: string | Date }>(database.db, sql`select slug, created_at from concepts where status = 'published'`);
    const library = published.map((c) => ({ slug: c.slug, createdAt: new Date(c.created_at) }));
    for (const date of [early, busy, thin, today]) {
      const row = await publishEdition(deps(), date);
      expect(row.conceptSlugs).toEqual(conceptsForDate(date, library, { count: 5, seed: 'mlbrief-rotation-v2' }));
    }
    // Its window (today − 4) has nothing, and reach-back finds nothing older.
    expect(edition.content.stories).toEqual([]);
  });
});
