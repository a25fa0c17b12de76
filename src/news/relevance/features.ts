/**
 * The features the relevance model reads: lower-cased word unigrams and bigrams, stopwords dropped,
 * title features kept apart from summary features ("t:" and "s:"), each counted once; and the
 * concept cards the item is linked to ("c:").
 */

export interface RelevanceInput {
  title: string;
  summary: string;
  /**
   * Names of the concept cards the item mentions, as src/news/link links them (title and summary).
   * Evidence, not proof: some names are everyday words in other news (Transformers the films).
   */
  concepts?: readonly string[];
}

/** Only the start of a summary counts: the labelled data keeps at most this much, and a full article body would drown the title. */
export const SUMMARY_CHARS = 600;

const STOPWORDS = new Set(
  ('a an and are as at be been but by can could did do does for from had has have how i if in into is it ' +
    'its just may more most new no not now of on or our out over says said so than that the their them ' +
    'then there these they this to up us was we were what when where which who why will with would you your ' +
    'about after all also any get gets got here like make makes one only other some what’s it’s').split(' '),
);

/**
 * Words too loose to count on their own ("Tesla recalls Model Y", "marathon training", "network
 * outage", "AI" on a toaster). Features made only of these are learned like any other, but the
 * scorer caps what they add together, so they can support specific evidence and never replace it.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'ai', 'artificial', 'intelligence', 'model', 'modeling', 'modelling', 'training', 'train', 'trained',
  'trainer', 'network', 'learning', 'learn', 'algorithm', 'data', 'smart', 'system', 'predict',
  'prediction', 'robot', 'automation', 'automated', 'tech', 'technology', 'tool', 'computer', 'software',
]);

/**
 * Feed boilerplate says where an item came from, not what it is about: hnrss's "Article URL: …
 * Points: 12 # Comments: 3", arXiv's "arXiv:2401.01234v1 Announce Type: new Abstract:", and links.
 */
const BOILERPLATE = [
  /https?:\/\/\S+/g,
  /\b(?:Article|Comments) URL:/g,
  /\bPoints: \d+/g,
  /# Comments: \d+/g,
  /\barXiv:\S+ Announce Type: [\w-]+/g,
  /\bAbstract:/g,
];

/** The text a summary contributes: the start of it, without feed boilerplate. */
export function summaryText(summary: string): string {
  let text = summary.slice(0, SUMMARY_CHARS);
  for (const pattern of BOILERPLATE) text = text.replace(pattern, ' ');
  return text;
}

/**
 * A name written as one word in camel case ("StableDiffusion", "LangChain", "DeepMind") also reads
 * as its words, beside the joined form: a product named without spaces says what it is about.
 * Capitals-only parts stay joined ("OpenAI", "ChatGPT", "WebGPU").
 */
const CAMEL_WORD = /\b[A-Z]?[a-z]+(?:[A-Z][a-z]+)+\b/g;
const withCamelParts = (text: string) => text.replace(CAMEL_WORD, (word) => `${word} ${word.replace(/([a-z])(?=[A-Z])/g, '$1 ')}`);

/** "A.I." and "AI" are one word; plurals fold to the singular ("models" → "model"). */
export function tokens(text: string): string[] {
  const lower = withCamelParts(text)
    .toLowerCase()
    .replace(/\ba\.i\.?(?=\s|$|[^a-z])/g, 'ai')
    .replace(/['’]s\b/g, '');
  const out: string[] = [];
  for (const raw of lower.split(/[^a-z0-9+#]+/)) {
    if (raw.length < 2 || /^\d+$/.test(raw) || STOPWORDS.has(raw)) continue;
    out.push(singular(raw));
  }
  return out;
}

function singular(word: string): string {
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function grams(prefix: string, words: readonly string[], into: Set<string>): void {
  words.forEach((word, i) => {
    into.add(`${prefix}${word}`);
    const next = words[i + 1];
    if (next !== undefined) into.add(`${prefix}${word} ${next}`);
  });
}

/** A feature made only of generic words ("t:ai", "s:ai model", "t:training"). */
export function isGenericFeature(feature: string): boolean {
  return !isConceptFeature(feature) && feature.slice(2).split(' ').every((word) => GENERIC_WORDS.has(word));
}

/** A feature and how much of it the item has: 1 for each title feature; summary features share 1/√n between them. */
export type FeatureValue = readonly [feature: string, value: number];

/**
 * Concept features: "c:linked" for any linked card, "c:2 or more" for several; and how many title
 * words are words of the cards' names and aliases ("c:1 card word" … "c:3+ card words"), which
 * tells "Dropout as Bayesian approximation" from "the college dropout".
 */
function conceptFeatures(concepts: readonly string[] | undefined, titleWords: readonly string[], cardWords: ReadonlySet<string>): FeatureValue[] {
  const out: FeatureValue[] = [];
  const linked = new Set(concepts ?? []).size;
  if (linked >= 1) out.push(['c:linked', 1]);
  if (linked >= 2) out.push(['c:2 or more', 1]);
  const inCards = new Set(titleWords.filter((word) => cardWords.has(word))).size;
  if (inCards >= 1) out.push([inCards >= 3 ? 'c:3+ card words' : `c:${inCards} card word${inCards === 2 ? 's' : ''}`, 1]);
  return out;
}

/**
 * The words of the cards' names and aliases that can count as card words: generic ones never do,
 * nor words common in news at large (`common`: "thought", "self", "knowledge" name cards too).
 */
export function cardWordsOf(cards: ReadonlyArray<{ name: string; aliases: readonly string[] }>, common: (word: string) => boolean = () => false): string[] {
  const words = new Set<string>();
  for (const card of cards) for (const text of [card.name, ...card.aliases]) for (const word of tokens(text)) if (!GENERIC_WORDS.has(word) && !common(word)) words.add(word);
  return [...words].sort();
}

/** A count of title words found in the cards' names ("c:2 card words"). */
export const isCardWordFeature = (feature: string) => feature.startsWith('c:') && feature.includes('card word');

/** A concept feature ("c:…") rather than a word. */
export const isConceptFeature = (feature: string) => feature.startsWith('c:');

const NO_WORDS: ReadonlySet<string> = new Set();

/** The item's features, each once, title ones first; a long summary counts no more than a short one. */
export function featuresOf(item: RelevanceInput, cardWords: ReadonlySet<string> = NO_WORDS): FeatureValue[] {
  const title = new Set<string>();
  const summary = new Set<string>();
  const titleWords = tokens(item.title);
  grams('t:', titleWords, title);
  grams('s:', tokens(summaryText(item.summary)), summary);
  const share = Math.min(1, 4 / Math.sqrt(Math.max(1, summary.size)));
  return [
    ...[...title].map((f): FeatureValue => [f, 1]),
    ...[...summary].map((f): FeatureValue => [f, share]),
    ...conceptFeatures(item.concepts, titleWords, cardWords),
  ];
}
