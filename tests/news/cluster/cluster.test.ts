import { describe, expect, it } from 'vitest';
import { clusterAndCompare, clusterStories, DEFAULT_THRESHOLD, type ClusterItem } from '../../../src/news/cluster/index.js';
import { headlineTokens } from '../../../src/news/cluster/shingles.js';
import { canonicalUrl } from '../../../src/news/normalize/url.js';

interface Item extends ClusterItem {
  sourceName: string;
}

const NOON = Date.parse('2025-03-10T12:00:00Z');
const HOUR = 3_600_000;

let nextId = 1;
function story(title: string, overrides: Partial<Item> = {}): Item {
  const id = overrides.id ?? nextId++;
  const sourceName = overrides.sourceName ?? `Source ${id}`;
  return {
    id,
    sourceName,
    publisher: sourceName,
    aggregator: false,
    selfPost: false,
    sourceWeight: 1,
    title,
    url: `https://news.example/${id}`,
    effectiveAt: new Date(NOON),
    ...overrides,
  };
}

/** Whether two headlines from two sources, three hours apart, end up in one cluster. */
function merged(a: string, b: string): boolean {
  return clusterStories([story(a), story(b, { effectiveAt: new Date(NOON + 3 * HOUR) })]).length === 1;
}

// The same event in the words of different outlets. Similarity in the comment.
const MUST_MERGE: Array<[string, string]> = [
  ['OpenAI releases GPT-5 with improved reasoning', 'OpenAI launches GPT-5, touting better reasoning'], // 0.43
  ['OpenAI Releases GPT-5 With Improved Reasoning', 'OpenAI Launches GPT-5, Touting Better Reasoning'], // 0.43, Title Case
  ['Google DeepMind unveils Gemini 2.0', "DeepMind's Gemini 2.0 is here"], // 0.71
  ['Meta releases Llama 4 Scout and Maverick, its first mixture-of-experts models', 'Meta launches Llama 4 Scout and Llama 4 Maverick mixture-of-experts models'], // 0.65
  ['Scaling Laws for Neural Language Models', 'Scaling laws for neural language models (arXiv:2001.08361)'], // 0.69, arXiv repost
  ['Direct Preference Optimization: Your Language Model is Secretly a Reward Model', '[R] Direct Preference Optimization: Your Language Model is Secretly a Reward Model'], // 0.88
  ['Anthropic unveils Claude 3.5 Sonnet', "Anthropic's Claude 3.5 Sonnet is out: faster and cheaper than Claude 3 Opus"], // 0.44
  ['Mistral AI releases Mistral Large 2', 'Mistral Large 2 is out, Mistral AI says'], // 0.78
  ['Nvidia unveils Blackwell B200 GPU at GTC', 'Nvidia announces B200 Blackwell GPU at GTC 2024'], // 0.43
  ['Stability AI releases Stable Diffusion 3', 'Stable Diffusion 3 released by Stability AI'], // 0.80
  ['Apple Intelligence announced at WWDC 2024', 'Apple announces Apple Intelligence at WWDC 2024'], // 0.88
  ['Hugging Face acquires Gradio', 'Gradio acquired by Hugging Face'], // 0.56
  ['EU AI Act enters into force', "The EU's AI Act officially enters into force today"], // 0.57
  ['DeepSeek releases R1, an open reasoning model rivaling OpenAI o1', 'DeepSeek-R1: open-source reasoning model that rivals OpenAI o1'], // 1.00
  ['Apple releases OpenELM, a family of small open language models', 'Apple open-sources OpenELM small language models for on-device use'], // 0.50
  ['OpenAI o3 scores 87.5% on ARC-AGI', "OpenAI's o3 model hits 87.5% on the ARC-AGI benchmark"], // 0.44
  ['Anthropic launches Claude Code, an agentic coding tool', 'Claude Code: Anthropic ships agentic coding tool for the terminal'], // 0.57
  ['Meta releases Llama 3.1 405B, the largest open model', 'Llama 3.1 405B from Meta is the largest open model yet, beating GPT-4o'], // 0.43
  ['Mistral’s Le Chat gets web search', "MISTRAL'S LE CHAT GETS WEB SEARCH"], // 1.00, case and apostrophes
  // Paraphrases sharing few words, merged since words are weighed by rarity (they were known limits).
  ['Google launches Gemma 2, its next generation of open models', 'Gemma 2 is now available to researchers and developers'],
  ['OpenAI launches Operator, an AI agent that uses a browser', 'OpenAI unveils Operator agent for ChatGPT Pro users'],
  // A short headline entirely inside a longer one (Hacker News and The Verge, 2023-03-14).
  ['GPT-4', 'OpenAI announces GPT-4 — the next generation of its AI language model'],
  // Names that are not in each other's place: "AI" names nothing ("Bing Chat" / "Bing AI"), and
  // punctuation parts neighbours ("xAI, His"; "xAI: What"). Android Authority, The Verge, WSJ, CNET.
  ['Microsoft’s Bing Chat gets deeper Edge mobile integration, a widget, and much more', 'Microsoft brings Bing AI widget to your phone’s home screen'],
  ['In a first, Google has released data on how much energy an AI prompt uses', 'Google reveals how much energy a Gemini query uses - in industry first'],
  ['Elon Musk Launches xAI, His New Artificial-Intelligence Company', 'Elon Musk Launches Artificial Intelligence Company xAI: What to Know'],
];

// Different events, however alike the words. A third entry names the rule that keeps a pair apart
// when the words alone would not: different numbers, or each headline naming its own thing.
const MUST_NOT_MERGE: Array<[string, string, ('numbers' | 'names')?]> = [
  ['Dropout for transformers', 'Dropout for CNNs'], // 0.20
  ['A new approach to protein folding', 'A new approach to weather forecasting'], // 0.11
  ['Google releases Gemini 1.5 Pro', 'Google releases Gemini 2.0 Pro', 'numbers'], // 0.40, and the versions differ
  ['Weekly ML papers roundup #123', 'Weekly ML papers roundup #124', 'numbers'], // 0.64, but the numbers differ
  ['Mistral releases Mistral 7B', 'Mistral releases Mixtral 8x7B'], // 0.13
  ['Anthropic releases Claude 3.5 Sonnet', 'Anthropic releases Claude 3.5 Haiku', 'names'], // 0.56, but each names its own model
  ['OpenAI raises $6.6 billion at a $157 billion valuation', 'Anthropic raises $4 billion from Amazon'], // 0.11
  ['OpenAI announces GPT-4o', 'OpenAI announces Sora'], // 0.14
  ["Google DeepMind's AlphaFold 3 predicts protein interactions", "Google DeepMind's AlphaProof solves olympiad problems"], // 0.14
  ['PyTorch 2.4 released', 'TensorFlow 2.4 released'], // 0.20
  ['Fine-tuning LLMs with LoRA: a practical guide', 'Fine-tuning LLMs with QLoRA on a single GPU'], // 0.29
  ['LoRA explained', 'QLoRA explained'], // 0.20
];

/**
 * Where a word-overlap measure is wrong, pinned so a change in behaviour is seen. The first two
 * are arguably one launch; the rest are plain errors no threshold fixes without breaking the
 * paraphrases above. tests/news/cluster/pairs.test.ts measures how often on real headlines.
 */
const KNOWN_LIMITS: Array<[string, string, 'merged' | 'apart']> = [
  ['OpenAI releases GPT-5', 'OpenAI releases GPT-5 system card', 'merged'], // 0.56: short headline plus a suffix
  ['Meta releases Llama 4', 'Meta releases Llama 4 safety report', 'merged'], // 0.56
  ['Google Gemini image generation paused after backlash', 'Google Gemini image generation returns', 'merged'], // 0.54: one subject, two developments
  ['Introducing the Transformer architecture', 'Understanding the Transformer architecture', 'merged'], // 0.60: tiny headlines
  ['Anthropic Releases Claude 3.5 Sonnet', 'Anthropic Releases Claude 3.5 Haiku', 'merged'], // 0.56: Title Case hides the names
  // One subject, two events: the shared names are rare, and outweigh the rest.
  ['OpenAI releases GPT-5 with improved reasoning', 'OpenAI publishes GPT-5 system card and safety evaluations', 'merged'],
  ['Microsoft releases Phi-3 small language models', 'Microsoft releases Phi-3 safety post-training report', 'merged'],
  ['OpenAI CEO Sam Altman testifies before Congress', 'OpenAI CEO Sam Altman fired by board', 'merged'],
  ['GitHub Copilot gets a free tier', 'GitHub Copilot adds support for Claude and Gemini', 'merged'],
  ['Microsoft invests $10 billion in OpenAI', 'Microsoft confirms $10bn investment in OpenAI', 'apart'], // "10" is not "10bn"
];

describe('headline similarity', () => {
  it(`uses ${DEFAULT_THRESHOLD} by default`, () => {
    expect(DEFAULT_THRESHOLD).toBe(0.35);
  });

  it.each(MUST_MERGE)('merges %j and %j', (a, b) => {
    expect(merged(a, b)).toBe(true);
    expect(merged(b, a)).toBe(true);
  });

  it.each(MUST_NOT_MERGE)('keeps %j and %j apart', (a, b) => {
    expect(merged(a, b)).toBe(false);
  });

  it.each(MUST_NOT_MERGE.filter(([, , rule]) => rule))('keeps %j and %j apart by the %s rule alone', (a, b) => {
    expect(merged(a, b.replace(/\d+(?:\.\d+)?/g, '').replace(/Haiku/, 'Sonnet'))).toBe(true);
  });

  it('keeps a preview apart from the report of what happened, whatever their words (The Verge and CNET, 2023)', () => {
    const preview = 'How to watch Meta Connect 2023: tune in for the Meta Quest 3, AI updates and more';
    const report = 'Meta Connect 2023 live blog: Meta Quest 3, VR and AI announcements';
    expect(merged(preview, report)).toBe(false);
    expect(merged(preview.replace('How to watch', 'Inside'), report)).toBe(true);
    expect(merged('What to expect at CES 2023: Samsung, LG, Nvidia and AMD', 'What to expect from CES 2023: Samsung, LG, Nvidia, AMD')).toBe(true);
  });

  it("keeps apart a preview that says what it expects and the event's news", () => {
    const news = "Acme's Vision event: all the news and announcements";
    expect(merged("Everything we're expecting at Acme's Vision event this week", news)).toBe(false);
    expect(merged("Everything at Acme's Vision event this week", news)).toBe(true);
  });

  it('keeps a rumour apart from its confirmation', () => {
    const confirmed = 'Acme confirms its CES press event could reveal Vision 3 headsets';
    expect(merged('We could get the reveal of those rumored Vision 3 headsets at the Acme CES press event', confirmed)).toBe(false);
    expect(merged('We could get the reveal of those Vision 3 headsets at the Acme CES press event', confirmed)).toBe(true);
  });

  it('keeps "another" outage and a launch "after delay" apart from the first one', () => {
    expect(merged('Major outage across ChatGPT and the API', 'Another major outage across ChatGPT and the API')).toBe(false);
    expect(merged('Major outage across ChatGPT and the API', 'A major outage across ChatGPT and the API')).toBe(true);
    expect(merged('Watch live as Acme attempts its first reusable rocket landing', 'Watch live as Acme attempts its first reusable rocket landing after delay')).toBe(false);
    expect(merged('Watch live as Acme attempts its first reusable rocket landing', 'Watch live as Acme attempts its first reusable rocket landing today')).toBe(true);
  });

  it("joins no shop's offer: two deal posts for one gadget are not one event", () => {
    expect(merged('This robot vacuum and mop is only $399 thanks to an early Black Friday deal', 'This robot vacuum and mop is only $399 for Black Friday')).toBe(false);
    expect(merged('This robot vacuum and mop is only $399 thanks to a new model', 'This robot vacuum and mop is only $399 now')).toBe(true);
    // Not a shop's: an investment with an amount is news.
    expect(merged('Amazon to invest up to $4 billion in Anthropic', 'Amazon bets up to $4 billion on Anthropic in AI deal')).toBe(true);
  });

  it("keeps apart headlines that lead with two makers' products when one never names the other's", () => {
    expect(merged('GPT-4', "The new Bing runs on OpenAI's GPT-4")).toBe(false);
    expect(merged('GPT-4', "OpenAI's new GPT-4 runs Bing")).toBe(true);
    expect(merged('DALL-E 3 is now available inside Bing', 'Bing Image Creator now supports DALL-E 3')).toBe(true);
  });

  it('reads a year as a date, not a version: it contradicts only another year', () => {
    const live = 'Acme Surface 2023 live blog: live updates on the Surface Pro, Laptop Studio and AI';
    expect(merged(live, 'Acme Surface event: everything announced, from Copilot to the Surface Laptop Studio 2')).toBe(true);
    expect(merged(live, 'Acme Surface 2024 live blog: live updates on the Surface Pro, Laptop Studio and AI')).toBe(false);
  });

  it('reads a name in the place of another only next to an identifier (a name both use, a version)', () => {
    const shut = 'Acme shuts down Atlas, the AI training supercomputer that Smith said would be key to robotaxis';
    expect(merged(shut, 'Acme’s Atlas AI training supercomputer is DOA — now what?')).toBe(true);
    expect(merged('Acme Atlas Pro training supercomputer shuts down', 'Acme Atlas Max training supercomputer shuts down')).toBe(false);
  });

  it('does not take a one-word headline for one inside another', () => {
    expect(merged('Transformers', 'Transformers: Rise of the Beasts review')).toBe(false);
  });

  it.each(KNOWN_LIMITS)('known limit: %j and %j end up %s', (a, b, outcome) => {
    expect(merged(a, b)).toBe(outcome === 'merged');
  });

  it('leaves out how sure or how awaited an outlet says the news is ("finally", "officially", "reportedly")', () => {
    expect(headlineTokens('Acme finally, officially and reportedly ships Nova today')).toEqual(['acm', 'nova', 'today']);
  });

  it('reads the words outlets use for one kind of event as one (a deal, a lawsuit, a firing, a ban)', () => {
    expect(headlineTokens('Apple buys Q.ai')).toEqual(headlineTokens('Apple acquisition: Q.ai'));
    expect(headlineTokens('Reddit sues Anthropic')).toEqual(headlineTokens('Reddit lawsuit: Anthropic'));
    expect(headlineTokens('Schools ban ChatGPT')).toEqual(headlineTokens('Schools blocked ChatGPT'));
    expect(headlineTokens('Board ousts CEO')).toEqual(headlineTokens('Board fired CEO'));
  });

  it('normalizes case, punctuation, diacritics, possessives and plurals', () => {
    expect(headlineTokens("Café's new Models, résumés & GPUs: 2.0!")).toEqual(['caf', 'model', 'resum', 'gpu', '2.0']);
  });
});

describe('clusterStories', () => {
  it('joins four publishers covering one event, by headline and by URL, with coverage 4', () => {
    const url = 'https://openai.com/index/introducing-gpt-5';
    const clusters = clusterStories([
      story('OpenAI releases GPT-5 with improved reasoning', { id: 10, sourceName: 'Lab Blog', sourceWeight: 3, url }),
      story('OpenAI launches GPT-5, touting better reasoning', { id: 11, sourceName: 'The Gradient', url: 'https://thegradient.pub/gpt-5' }),
      story('GPT-5 is here', { id: 12, sourceName: 'Import AI', sourceWeight: 2, url }),
      story('OpenAI unveils GPT-5 with improved reasoning', { id: 13, sourceName: 'arXiv cs.LG', url: null, effectiveAt: new Date(NOON + 5 * HOUR) }),
      story('Dropout for transformers', { id: 14, sourceName: 'The Gradient' }),
    ]);
    expect(clusters.map((c) => c.key)).toEqual(['10', '14']);
    const [gpt] = clusters;
    expect(gpt!.representative.id).toBe(10);
    expect(gpt!.members.map((m) => m.id)).toEqual([10, 12, 11, 13]);
    expect(gpt!.publishers).toEqual(['Lab Blog', 'Import AI', 'The Gradient', 'arXiv cs.LG']);
  });

  it('joins the same URL even with unrelated headlines and days apart', () => {
    const url = 'https://arxiv.org/abs/2401.01234';
    const clusters = clusterStories([
      story('Attention sinks in streaming models', { url }),
      story('Paper of the week', { url, effectiveAt: new Date(NOON + 6 * 24 * HOUR) }),
    ]);
    expect(clusters).toHaveLength(1);
  });

  it('keeps the same headline apart when five days separate them, and honours windowHours', () => {
    const title = 'OpenAI releases GPT-5 with improved reasoning';
    const later = (hours: number) => [story(title), story(title, { effectiveAt: new Date(NOON + hours * HOUR) })];
    expect(clusterStories(later(5 * 24))).toHaveLength(2);
    expect(clusterStories(later(47))).toHaveLength(1);
    expect(clusterStories(later(47), { windowHours: 24 })).toHaveLength(2);
  });

  it('lets one publisher post twice, counting it once', () => {
    const clusters = clusterStories([
      story('Gemini 2.0 arrives', { id: 30, sourceName: 'Lab Blog' }),
      story('Gemini 2.0 arrives', { id: 31, sourceName: 'Lab Blog', effectiveAt: new Date(NOON + HOUR) }),
    ]);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.members).toHaveLength(2);
    expect(clusters[0]!.publishers).toEqual(['Lab Blog']);
  });

  it('chooses the representative by weight, then the earliest, then the lowest id', () => {
    const at = (h: number) => new Date(NOON + h * HOUR);
    const pick = (...stories: Item[]) => clusterStories(stories)[0]!.representative.id;
    const t = 'Stable Diffusion 3 released by Stability AI';
    expect(pick(story(t, { id: 1, sourceWeight: 1 }), story(t, { id: 2, sourceWeight: 5, effectiveAt: at(9) }))).toBe(2);
    expect(pick(story(t, { id: 1, effectiveAt: at(2) }), story(t, { id: 2, effectiveAt: at(1) }))).toBe(2);
    expect(pick(story(t, { id: 2 }), story(t, { id: 1 }))).toBe(1);
  });

  it('never chains: a story joins only when it matches every member', () => {
    // "Acme Vision adds video" is like each versioned headline; the two versions contradict.
    const clusters = clusterStories([
      story('Acme Vision 2.0 adds video', { id: 1 }),
      story('Acme Vision adds video', { id: 2 }),
      story('Acme Vision 1.5 adds video', { id: 3 }),
    ]);
    expect(clusters.map((c) => c.members.map((m) => m.id).sort())).toEqual([[1, 2], [3]]);
    expect(merged('Acme Vision 2.0 adds video', 'Acme Vision adds video')).toBe(true);
    expect(merged('Acme Vision 1.5 adds video', 'Acme Vision adds video')).toBe(true);
  });

  it('joins A~B and B~C only when A~C too', () => {
    const a = 'Meta releases Llama 4 Scout and Maverick models';
    const b = 'Meta launches Llama 4 Scout and Maverick mixture-of-experts models';
    const c = 'Llama 4 Scout and Maverick mixture-of-experts models explained';
    expect([merged(a, b), merged(b, c)]).toEqual([true, true]);
    expect(clusterStories([story(a), story(b), story(c)])).toHaveLength(merged(a, c) ? 1 : 2);
  });

  it('joins an aggregator item to the article it links to, by canonical URL, and keeps the article as representative', () => {
    const article = story('Introducing Gemini 2.0', { id: 40, sourceName: 'Google DeepMind', sourceWeight: 3, url: 'https://deepmind.google/gemini-2' });
    const hn = story('Gemini 2.0: our new AI model for the agentic era', {
      id: 39,
      sourceName: 'Hacker News',
      aggregator: true,
      sourceWeight: 5,
      url: canonicalUrl('https://deepmind.google/gemini-2?utm_source=hn#top'),
    });
    const [cluster] = clusterStories([hn, article]);
    expect(cluster!.members.map((m) => m.id)).toEqual([40, 39]);
    expect(cluster!.representative.id).toBe(40);
    expect(cluster!.publishers).toEqual(['Google DeepMind', 'Hacker News']);
  });

  it('makes arXiv abs, pdf and versioned links one paper', () => {
    const urls = ['https://arxiv.org/abs/2401.01234v2', 'http://arxiv.org/pdf/2401.01234v1', 'https://export.arxiv.org/abs/2401.01234'];
    const items = urls.map((u, i) => story(`Paper ${i} on sparse attention`, { url: canonicalUrl(u), sourceName: `feed ${i}`, publisher: i < 2 ? 'arXiv' : 'Hacker News' }));
    const clusters = clusterStories(items);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.publishers).toEqual(['arXiv', 'Hacker News']);
  });

  it("keeps an aggregator's self-post (Ask HN) a story of its own, however alike its headline", () => {
    const ask = story('Ask HN: OpenAI releases GPT-5 with improved reasoning?', { aggregator: true, selfPost: true, url: 'https://news.ycombinator.com/item?id=1' });
    const clusters = clusterStories([ask, story('OpenAI releases GPT-5 with improved reasoning'), story('OpenAI releases GPT-5 with improved reasoning')]);
    expect(clusters.map((c) => c.members.length).sort()).toEqual([1, 2]);
  });

  it('gives the same clusters in the same order for any input order', () => {
    const titles = [...MUST_MERGE, ...MUST_NOT_MERGE].flatMap(([a, b]) => [a, b]);
    const stories = titles.map((title, i) => story(title, { id: 100 + i, effectiveAt: new Date(NOON + (i % 7) * HOUR) }));
    const shape = (input: Item[]) => clusterStories(input).map((c) => c.members.map((m) => m.id));
    const expected = shape(stories);
    expect(shape([...stories].reverse())).toEqual(expected);
    expect(shape([...stories].sort((a, b) => a.title.localeCompare(b.title)))).toEqual(expected);
    const keys = clusterStories(stories).map((c) => Number(c.key));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it("reads the feeds' summaries: a paraphrase joins (The Verge and TechCrunch, 2025-09-23)", () => {
    const verge = story('Gemini AI will help you play games on Google Play', {
      url: 'https://www.theverge.com/news/783132/android-gaming-gemini-ai-sidekick',
      summary: 'Google will soon let you ask its Gemini AI assistant for help progressing in mobile games. On Tuesday, Google announced that a Gemini Live integration will appear within a new overlay on games downloaded from the Play Store, allowing you to ask for some hints without opening a new window. The feature will roll out […]',
    });
    const techCrunch = story('Google revamps its Play Store with AI features and more', {
      url: 'https://techcrunch.com/2025/09/23/google-revamps-its-play-store-with-ai-features-and-more/',
      summary: 'Users can expect more personalization, a redesigned Apps tab, new Play Games experience, and other features that leverage Gemini AI.',
    });
    expect(clusterStories([verge, techCrunch])).toHaveLength(1);
    expect(clusterStories([{ ...verge, summary: '' }, { ...techCrunch, summary: '' }])).toHaveLength(2);
  });

  it('joins a story told again beyond the window, up to twice as far: headline and summary mostly the same words', () => {
    const summary = 'Acme Photo Studio now removes glare and reflections from photos with a new AI feature, rolling out to subscribers this week on desktop and mobile.';
    const first = story('Acme Photo Studio AI feature tackles a massive problem with photos', { summary });
    const again = story('Acme Photo Studio AI feature tackles a massive photo problem', { summary, effectiveAt: new Date(NOON + 72 * HOUR) });
    expect(clusterStories([first, again])).toHaveLength(1);
    // Told in other words below the headline, it is another story that far apart; and never past twice the window.
    const later = 'Six months after launch, Acme says subscribers have used the glare remover on more than a billion pictures, more than any tool it shipped this year, and that a version for video editors is planned for the spring, priced separately.';
    expect(clusterStories([first, { ...again, summary: later }])).toHaveLength(2);
    expect(clusterStories([first, { ...again, effectiveAt: new Date(NOON + 97 * HOUR) }])).toHaveLength(2);
  });

  it("reads a newsletter's item by its lead: its summary, telling other stories too, does not count against it", () => {
    const article = story('Acme is opening up access to its Nova AI chatbot today', {
      summary: 'Starting today, people in the United States and the United Kingdom can sign up to try the conversational assistant, which answers questions in plain language, drafts emails and summarizes long documents; the company says a waitlist will keep demand in check while it adds servers.',
    });
    const lead = story('Acme expands access to its AI chatbot, Nova', {
      summary: 'Also in this edition: a foldable phone with a bigger hinge and a brighter screen, a record quarter for streaming subscriptions, a new electric bike from a car maker, and the budget headphones that surprised our reviewers this year.',
    });
    // The evidence for the pair, read as the five read it (clusters kept apart by an unreachable threshold).
    const evidence = (other: Item) => {
      const { clusters, closeness } = clusterAndCompare([article, other], { threshold: 10 });
      return closeness(clusters[0]!, clusters[1]!);
    };
    const digest = evidence({ ...lead, title: `The Morning After: ${lead.title}` });
    expect(digest).toBeGreaterThan(evidence(lead) + 0.1);
  });

  it("counts how much of a headline without a summary (Hacker News) the other story's summary mentions", () => {
    const hn = story('Acme Nova gets extensions for calendars, email and maps, and double-checking of answers', { aggregator: true });
    const article = story('Acme’s chatbot can now connect to your apps and services', {
      summary: 'Acme’s chatbot Nova now takes extensions: it can pull from your calendars, email and maps, and a new button double-checks its answers against a web search.',
    });
    const evidence = (other: Item) => {
      const { clusters, closeness } = clusterAndCompare([hn, other], { threshold: 10 });
      return closeness(clusters[0]!, clusters[1]!);
    };
    const unrelated = { ...article, summary: 'Acme’s chatbot now answers in more languages, the company said at its developer conference on Tuesday.' };
    expect(evidence(article) - evidence(unrelated)).toBeGreaterThan(0.05);
  });

  it("reads the feeds' summaries: alike headlines on two events stay apart (The Verge and TechCrunch, 2025-10-23)", () => {
    const atlas = story('OpenAI teases a string of updates for its AI-powered browser, ChatGPT Atlas', {
      url: 'https://www.theverge.com/news/805160/openai-chatgpt-atlas-updates',
      summary: 'Less than two days ago, OpenAI came out swinging in the fight for the future of the internet with the release of ChatGPT Atlas, an AI-powered web browser it hopes will topple Google Chrome. Adam Fry, OpenAI’s Atlas leader, says the team is already “heads down making it better” and teased a bunch of new […]',
    });
    const edge = story('Two days after OpenAI’s Atlas, Microsoft relaunches a nearly identical AI browser', {
      url: 'https://techcrunch.com/2025/10/23/two-days-after-openais-atlas-microsoft-launches-a-nearly-identical-ai-browser/',
      summary: "Copilot Mode of Microsoft's Edge browser is the company's take on the long-hyped AI browser category.",
    });
    expect(clusterStories([atlas, edge])).toHaveLength(2);
    expect(clusterStories([{ ...atlas, summary: '' }, { ...edge, summary: '' }])).toHaveLength(1);
  });

  it('never compares headlines with no words left after normalization', () => {
    expect(clusterStories([story('The'), story('A'), story('')])).toHaveLength(3);
    expect(clusterStories([])).toEqual([]);
  });
});

describe('closeness of clusters kept apart', () => {
  it('is the best pair of wordings, and 0 when any pair contradicts', () => {
    const a = story('Acme Vision 2.0 adds video understanding to its assistant');
    const b = story('Acme Vision 1.5 adds video understanding to its assistant');
    const c = story('Acme Vision adds video understanding to its assistant');
    const { clusters, closeness } = clusterAndCompare([a, b]);
    expect(clusters).toHaveLength(2);
    expect(closeness(clusters[0]!, clusters[1]!)).toBe(0);
    const alike = clusterAndCompare([a, c]);
    expect(alike.clusters).toHaveLength(1);
    const apart = clusterAndCompare([a, b, c]);
    const [x, y] = [apart.clusters.find((k) => k.members.some((m) => m.id === a.id))!, apart.clusters.find((k) => k.members.some((m) => m.id === b.id))!];
    expect(x).not.toBe(y);
    expect(apart.closeness(x, y)).toBe(0);
  });
});
