import { describe, expect, it } from 'vitest';
import { clusterStories } from '../../../src/news/cluster/index.js';
import { judgeCluster, rankClusters, RELEVANCE_THRESHOLD } from '../../../src/daily/rank/index.js';
import { endorsementOf, scoreOf } from '../../../src/daily/rank/score.js';
import type { CandidateStory, JudgedCluster, RankOptions, StoryCluster } from '../../../src/daily/types.js';

const WINDOW_END = new Date('2025-03-11T00:00:00Z');
const HOUR = 3_600_000;
const options: RankOptions = { windowEnd: WINDOW_END, limit: 5, maxPerPublisher: 2 };

let nextId = 1;
export function candidate(overrides: Partial<CandidateStory> = {}): CandidateStory {
  const id = overrides.id ?? nextId++;
  const publisher = overrides.publisher ?? `Publisher ${id}`;
  return {
    id,
    sourceId: id,
    sourceName: `${publisher} feed`,
    publisher,
    aggregator: false,
    selfPost: false,
    sourceWeight: 1,
    title: `Sparse attention for long-context language models, part ${id}`,
    url: `https://news.example/${id}`,
    summary: '',
    effectiveAt: new Date(WINDOW_END.getTime() - 6 * HOUR),
    firstSeenAt: new Date(WINDOW_END.getTime() - 6 * HOUR),
    conceptNames: [],
    points: null,
    comments: null,
    arxivAnnounce: null,
    lateFor: null,
    shownIn: null,
    ...overrides,
  };
}

/** A cluster of its own for each story, so these tests do not depend on headline similarity. */
const single = (s: CandidateStory): StoryCluster => ({ key: String(s.id), representative: s, members: [s], publishers: [s.publisher] });
const own = (c: StoryCluster) => judgeCluster(c, 'own', 0, WINDOW_END);
const rank = (clusters: StoryCluster[], reachBack: JudgedCluster[] = [], opts = options) => rankClusters(clusters.map(own), reachBack, opts);
const ids = (ranked: ReturnType<typeof rankClusters>) => ranked.filter((r) => 'rank' in r.outcome).map((r) => r.cluster.representative.id);
const outcomeOf = (ranked: ReturnType<typeof rankClusters>, id: number) => ranked.find((r) => r.cluster.representative.id === id)!.outcome;

const ml = 'Sparse attention makes long-context language models cheaper';
const labPost = (id: number, overrides: Partial<CandidateStory> = {}) =>
  candidate({ id, publisher: 'Lab', sourceWeight: 3, title: `Lab releases a new open-weights language model, ${id}`, ...overrides });
const preprint = (id: number, overrides: Partial<CandidateStory> = {}) =>
  // Linked to the cards its title names, as ingest links it: relevance counts linked cards.
  candidate({ id, publisher: 'arXiv', title: `A study of transformer fine-tuning ${id}`, url: `https://arxiv.org/abs/2503.0${id}`, arxivAnnounce: 'new', conceptNames: ['Pretraining and fine-tuning', 'Transformer'], ...overrides });

describe('the score', () => {
  it('adds coverage, endorsement, weight, relevance and freshness, each with diminishing returns (the worked example in score.ts)', () => {
    const s = scoreOf({ publishers: 3, points: 100, comments: 50, weight: 3, relevance: 0.9, ageMs: 12 * HOUR });
    expect(s).toEqual({ coverage: 4.394, endorsement: 1.879, weight: 2.773, relevance: 0.9, freshness: 0.25, total: 10.196 });
    const coverage = [1, 2, 3, 4, 5].map((n) => scoreOf({ publishers: n, points: 0, comments: 0, weight: 1, relevance: 1, ageMs: 0 }).coverage);
    const gains = coverage.slice(1).map((c, i) => c - coverage[i]!);
    expect(gains.every((g, i) => g > 0 && (i === 0 || g < gains[i - 1]!))).toBe(true);
    const endorsement = [0, 100, 200, 400, 800].map((p) => scoreOf({ publishers: 1, points: p, comments: 0, weight: 1, relevance: 1, ageMs: 0 }).endorsement);
    const steps = endorsement.slice(1).map((e, i) => e - endorsement[i]!);
    expect(steps.every((g) => g > 0)).toBe(true);
    expect(steps[3]!).toBeLessThan(steps[0]! * 2); // eight times the points, far from eight times the score
  });

  it('counts each publisher once in endorsement and never a negative count', () => {
    const url = 'https://blog.example/x';
    const cluster = clusterStories([
      candidate({ id: 1, publisher: 'Hacker News', aggregator: true, url, points: 120, comments: 10 }),
      candidate({ id: 2, publisher: 'Hacker News', aggregator: true, url, points: 80, comments: 40 }),
      candidate({ id: 3, publisher: 'Lobsters', aggregator: true, url, points: 15, comments: null }),
      candidate({ id: 4, publisher: 'Blog', url }),
    ])[0]!;
    expect(endorsementOf(cluster)).toEqual({ points: 135, comments: 40 });
    expect(scoreOf({ publishers: 1, points: -50, comments: -3, weight: -1, relevance: 1, ageMs: -HOUR }).total).toBe(
      scoreOf({ publishers: 1, points: 0, comments: 0, weight: 0, relevance: 1, ageMs: 0 }).total,
    );
  });
});

describe('the orderings the issue asks for', () => {
  it('puts a story three publishers covered above a single lab post', () => {
    const url = 'https://acme.example/vision-2';
    const covered = clusterStories([
      candidate({ id: 10, publisher: 'The Verge', sourceWeight: 1, title: 'Acme Vision 2.0 multimodal language model adds video understanding', url, effectiveAt: new Date(WINDOW_END.getTime() - 23 * HOUR) }),
      candidate({ id: 11, publisher: 'Ars Technica', sourceWeight: 1, title: 'Acme Vision 2.0 multimodal language model adds video understanding', url }),
      candidate({ id: 12, publisher: 'TechCrunch', sourceWeight: 1, title: 'Acme Vision 2.0 multimodal language model adds video understanding', url }),
    ]);
    const ranked = rank([...covered, single(labPost(20, { effectiveAt: WINDOW_END }))]);
    expect(ids(ranked)).toEqual([10, 20]);
  });

  it('puts a weight-3 lab release above an unendorsed preprint, whatever their relevance and freshness', () => {
    const lab = labPost(30, { effectiveAt: new Date(WINDOW_END.getTime() - 30 * HOUR) });
    const paper = preprint(31, { effectiveAt: WINDOW_END, title: 'Transformer language models: deep learning for NLP with reinforcement learning', summary: 'machine learning LLM embeddings' });
    const ranked = rank([single(paper), single(lab)]);
    expect(ids(ranked)).toEqual([30, 31]);
  });

  it('lets a preprint an aggregator picked up and endorsed into the five, above lone lab posts', () => {
    const url = 'https://arxiv.org/abs/2503.01234';
    const endorsed = clusterStories([
      preprint(40, { url }),
      candidate({ id: 41, publisher: 'Hacker News', aggregator: true, title: 'Transformers without normalization (arXiv)', url, points: 150, comments: 60 }),
    ]);
    const labs = [50, 51, 52, 53, 54].map((id) => single(labPost(id, { publisher: `Lab ${id}` })));
    const ranked = rank([...labs, ...endorsed]);
    expect(ids(ranked)[0]).toBe(40);
    expect(ranked[0]!.reasons).toContain('endorsed by readers: 150 points, 60 comments');
    expect(ranked[0]!.reasons[0]).toBe('covered by 2 publishers: arXiv and Hacker News');
  });
});

describe('rankClusters', () => {
  it('leaves off-topic stories out, even with two outlets and high weight: generic words are not ML', () => {
    const url = 'https://cars.example/recall';
    const offTopic = clusterStories([
      candidate({ id: 1, publisher: 'Outlet A', sourceWeight: 10, title: 'Tesla recalls Model Y over faulty seat belts', url }),
      candidate({ id: 2, publisher: 'Outlet B', sourceWeight: 10, title: 'Tesla recalls Model Y over faulty seat belts', url }),
    ]);
    const marathon = single(candidate({ id: 3, sourceWeight: 10, title: 'Marathon training plan: a model week for beginners' }));
    const relevant = single(candidate({ id: 4, sourceWeight: 0, title: 'Notes', summary: 'We fine-tuned a language model on a new dataset.', conceptNames: ['Pretraining and fine-tuning'] }));
    const ranked = rank([...offTopic, marathon, relevant]);
    expect(ids(ranked)).toEqual([4]);
    expect('excluded' in outcomeOf(ranked, 1) && outcomeOf(ranked, 1)).toMatchObject({ excluded: expect.stringMatching(/^off-topic/) });
    expect(outcomeOf(ranked, 3)).toMatchObject({ excluded: expect.stringMatching(/^off-topic/) });
    expect(ranked[0]!.relevance).toBeGreaterThanOrEqual(RELEVANCE_THRESHOLD);
  });

  it('takes at most two from one publisher and fills the rest from others', () => {
    const clusters = [1, 2, 3, 4].map((id) => single(candidate({ id, publisher: 'arXiv', sourceId: 1, sourceWeight: 9 })));
    clusters.push(...[5, 6, 7, 8].map((id) => single(candidate({ id, sourceWeight: 1 }))));
    const ranked = rank(clusters);
    expect(ids(ranked)).toEqual([1, 2, 5, 6, 7]);
    expect(outcomeOf(ranked, 3)).toEqual({ excluded: 'arXiv already has 2 of the 5' });
    expect(outcomeOf(ranked, 8)).toEqual({ excluded: 'below the top 5' });
    expect(ids(rank(clusters, [], { ...options, maxPerPublisher: 5 }))).toEqual([1, 2, 3, 4, 5]);
  });

  it('counts the cap by publisher, not by feed: four arXiv category feeds are one publisher', () => {
    const clusters = [1, 2, 3].map((id) => single(candidate({ id, publisher: 'arXiv', sourceId: 100 + id, sourceWeight: 5 })));
    expect(ids(rank(clusters))).toEqual([1, 2]);
  });

  it("reads a cluster's relevance as its members' mean: one on-topic copy does not make an off-topic story ML", () => {
    // Two copies of one story (one URL), one worded as ML and one not: the case of relevanceOf's comment (2023-11-06).
    const url = 'https://laptops.example/review';
    const mixed = clusterStories([
      candidate({ id: 1, publisher: 'Outlet A', url, title: 'Sparse attention makes long-context language models cheaper to fine-tune', conceptNames: ['Transformer', 'Pretraining and fine-tuning'] }),
      candidate({ id: 2, publisher: 'Outlet B', url, title: 'The new laptop has a brighter screen and a bigger battery' }),
    ]);
    expect(mixed).toHaveLength(1);
    const judged = own(mixed[0]!);
    const each = [1, 2].map((id) => own(single(candidate({ ...mixed[0]!.members.find((m) => m.id === id)!, publisher: `Alone ${id}` }))).relevance);
    expect(each[0]!).toBeGreaterThanOrEqual(RELEVANCE_THRESHOLD);
    expect(each[1]!).toBeLessThan(RELEVANCE_THRESHOLD);
    expect(judged.relevance).toBeCloseTo((each[0]! + each[1]!) / 2, 3);
    expect(judged.ruledOut).toMatch(/^off-topic: relevance 0\.\d+ is below/);
  });

  it('leaves out what an earlier edition showed', () => {
    const shown = single(candidate({ id: 1, sourceWeight: 10, shownIn: '2025-03-10' }));
    const ranked = rank([shown, single(candidate({ id: 2 }))]);
    expect(ids(ranked)).toEqual([2]);
    expect(outcomeOf(ranked, 1)).toEqual({ excluded: 'already in the edition of 2025-03-10' });
  });

  it("fills from reach-back only the places the day's own stories leave, and says so only there", () => {
    const todays = [1, 2, 3].map((id) => single(candidate({ id })));
    const older = [4, 5, 6].map((id) =>
      judgeCluster(single(candidate({ id, sourceWeight: 10, effectiveAt: new Date(WINDOW_END.getTime() - 30 * HOUR) })), 'reach-back', 1, WINDOW_END),
    );
    const ranked = rank(todays, older);
    expect(ids(ranked)).toEqual([1, 2, 3, 4, 5]); // older ones score higher, yet come after the day's own
    expect(outcomeOf(ranked, 6)).toEqual({ excluded: 'below the top 5' });
    const note = /filling a place the day's own stories left empty/;
    expect(ranked.slice(0, 3).every((r) => !r.reasons.some((x) => note.test(x)))).toBe(true);
    expect(ranked.slice(3, 5).every((r) => r.reasons.some((x) => note.test(x)))).toBe(true);
  });

  it('says when a story arrived after the edition of its own window', () => {
    const ranked = rank([single(candidate({ id: 1, lateFor: '2025-03-10' }))]);
    expect(ranked[0]!.reasons).toContain('arrived after the edition of 2025-03-10 was published, so it is in this one');
  });

  it('names publishers in its reasons', () => {
    const url = 'https://x.example/a';
    const ranked = rank(clusterStories([
      candidate({ id: 1, publisher: 'OpenAI', sourceName: 'OpenAI News', sourceWeight: 3, url, conceptNames: ['Transformer'] }),
      candidate({ id: 2, publisher: 'The Verge', url }),
    ]));
    expect(ranked[0]!.reasons.slice(0, 2)).toEqual(['covered by 2 publishers: OpenAI and The Verge', 'from OpenAI News (OpenAI), weight 3']);
    expect(ranked[0]!.reasons).toContain('mentions Transformer');
    expect(ranked[0]!.reasons.at(-1)).toBe('published 6 hours before the edition');
  });

  it('gives the same ranking for any input order, ties going to the lower id', () => {
    const clusters = [9, 4, 7, 1, 3].map((id) => single(candidate({ id, title: ml })));
    expect(ids(rank(clusters))).toEqual([1, 3, 4, 7, 9]);
    expect(rank([...clusters].reverse())).toEqual(rank(clusters));
  });
});

describe('round-ups', () => {
  it("places live blogs and digests after the day's single stories, whatever their score, and says why", () => {
    const blog = (id: number, title: string) => single(candidate({ id, sourceWeight: 10, title }));
    const ranked = rank([
      blog(1, 'Live updates: OpenAI unveils a new large language model and neural network training tools'),
      blog(2, 'All the news on sparse attention for long-context language models'),
      ...[3, 4, 5, 6].map((id) => single(candidate({ id }))),
    ]);
    // The round-ups score higher (weight 10) yet come after the four single stories.
    expect(ids(ranked)).toEqual([3, 4, 5, 6, 1]);
    expect(outcomeOf(ranked, 2)).toEqual({ excluded: "below the top 5: a round-up, placed after the day's single stories" });
    expect(ranked.find((r) => r.cluster.representative.id === 1)!.reasons).toContain("a round-up of many announcements (a live blog or digest): placed after the day's single stories");
    expect(ranked.find((r) => r.cluster.representative.id === 3)!.reasons.some((r) => /round-up/.test(r))).toBe(false);
  });

  it('tells round-ups from stories by their headline', async () => {
    const { isRoundUp } = await import('../../../src/daily/rank/round-up.js');
    for (const t of ['Live updates from Google I/O 2023', 'Google I/O 2023 live blog: Pixel Fold, 7a, Tablet, Bard', 'Google I/O 2023: Everything announced at the event', 'Live updates from OpenAI Dev Day: Follow along with ZDNET', 'The week in AI: a roundup']) {
      expect(isRoundUp(t), t).toBe(true);
    }
    for (const t of ['X’s job search tool is now live on the web', 'Explainable AI is Dead, Long Live Explainable AI!', 'Google announces PaLM 2 AI language model', 'Robots plus generative AI: Everything you need to know']) {
      expect(isRoundUp(t), t).toBe(false);
    }
  });

  it('lets a round-up in when the day has no single story left to place', () => {
    const ranked = rank([single(candidate({ id: 1, title: 'Live blog: sparse attention for long-context language models' })), single(candidate({ id: 2 }))]);
    expect(ids(ranked)).toEqual([2, 1]);
  });

  it("places the day's round-ups before reach-back: older stories only fill what the day left", () => {
    const todays = [101, 102, 103].map((id) => single(candidate({ id })));
    const roundUp = single(candidate({ id: 104, title: 'Live blog: sparse attention for long-context language models' }));
    const older = [105, 106].map((id) =>
      judgeCluster(single(candidate({ id, sourceWeight: 10, effectiveAt: new Date(WINDOW_END.getTime() - 30 * HOUR) })), 'reach-back', 1, WINDOW_END),
    );
    const ranked = rank([...todays, roundUp], older);
    // The older stories score higher (weight 10) yet come after the day's round-up.
    expect(ids(ranked)).toEqual([101, 102, 103, 104, 105]);
    expect(outcomeOf(ranked, 106)).toEqual({ excluded: 'below the top 5' });
  });
});

describe('one event once', () => {
  it('gives the place of a cluster that tells the same event as one already in the five to the next, and says which', () => {
    const clusters = [1, 2, 3, 4, 5, 6].map((id) => single(candidate({ id, sourceWeight: 10 - id })));
    // 3 is 1 told again (clustering kept them apart); 6 is then the fifth.
    const sameEvent = (a: StoryCluster, b: StoryCluster) => [a.key, b.key].sort().join() === '1,3';
    const ranked = rank(clusters, [], { ...options, sameEvent });
    expect(ids(ranked)).toEqual([1, 2, 4, 5, 6]);
    expect(outcomeOf(ranked, 3)).toEqual({ excluded: `tells the same event as #1: ${clusters[0]!.representative.title}` });
    // Without the judgement, both are in.
    expect(ids(rank(clusters))).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('publishers in the five', () => {
  it("shows a story from another outlet that told it when the first outlet has no place left, and not from an aggregator's link", () => {
    const verge = (id: number, sourceWeight = 1) => candidate({ id, publisher: 'The Verge', sourceWeight });
    const both: StoryCluster = (() => {
      const a = verge(3);
      const b = candidate({ id: 4, publisher: 'Engadget' });
      return { key: '3', representative: a, members: [a, b], publishers: ['The Verge', 'Engadget'] };
    })();
    const viaHn: StoryCluster = (() => {
      const a = verge(5);
      const b = candidate({ id: 6, publisher: 'Hacker News', aggregator: true, url: a.url });
      return { key: '5', representative: a, members: [a, b], publishers: ['The Verge', 'Hacker News'] };
    })();
    // Two single Verge stories of weight 10 come first and fill The Verge's two places.
    const ranked = rank([single(verge(1, 10)), single(verge(2, 10)), both, viaHn]);
    expect(ids(ranked)).toEqual([1, 2, 4]);
    const shown = ranked.find((r) => r.cluster.representative.id === 4)!;
    expect(shown.cluster.members.map((m) => m.id)).toEqual([4, 3]);
    expect(shown.reasons).toContain('shown from Engadget: The Verge already has 2 of the 5');
    expect(outcomeOf(ranked, 5)).toEqual({ excluded: 'The Verge already has 2 of the 5' });
  });
});

describe('off-topic in words', () => {
  it('never reads as the threshold itself', async () => {
    const { offTopicReason } = await import('../../../src/daily/rank/reasons.js');
    expect(offTopicReason(0.17, 0.59)).toBe('off-topic: relevance 0.17 is below 0.59');
    expect(offTopicReason(0.5899, 0.59)).toBe('off-topic: relevance 0.5899 is below 0.59');
    expect(offTopicReason(0.586, 0.59)).toBe('off-topic: relevance 0.586 is below 0.59');
  });
});
