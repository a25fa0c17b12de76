/**
 * Headlines as sets of word shingles (1- and 2-grams of normalized tokens), compared by the
 * rarity-weighted words they share (a weighted Dice: headline.ts, story.ts). Normalization
 * removes what differs between outlets without changing the event: case, punctuation,
 * diacritics, possessives, inflections, function words and the stock verbs of announcement
 * ("releases", "launches", "unveils" …). Numbers are kept: "Gemini 1.5" is not "Gemini 2.0".
 */

/** Function words and headline filler; they match across unrelated headlines. */
const STOPWORDS = new Set([
  'a', 'an', 'the', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'and', 'or', 'but', 'from',
  'into', 'about', 'as', 'its', 'it', 'is', 'are', 'was', 'be', 'been', 'this', 'that', 'these',
  'their', 'our', 'your', 'we', 'you', 'they', 'how', 'why', 'what', 'here', 'now', 'just', 'via',
  'new', 'after', 'over', 'up', 'out', 'than', 'has', 'have', 'will', 'can', 'more',
  // How sure or how awaited an outlet says the news is, not what happened (stance.ts reads those
  // that part a rumour from its confirmation). "Today" and "soon" stay: they date an announcement.
  'finally', 'officially', 'reportedly',
]);

/** Words ending in s that are not plurals or third persons. */
const NOT_PLURAL = /(?:ss|us|is|ous|news|series|species|bayes|physics|mathematics)$/;

/**
 * A light suffix stripper, not a full stemmer: plurals and third persons first, then -ing, -ed
 * and a final -e, so "acquires", "acquired" and "acquire" meet at "acquir". Numbers stay as written.
 */
export function stem(token: string): string {
  if (/^\p{N}/u.test(token)) return token;
  let word = token;
  if (word.length > 3 && word.endsWith('s') && (!NOT_PLURAL.test(word) || /^[cgtn]pus$/.test(word))) {
    word = word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.slice(0, -1);
  }
  const bare = word.replace(/(?:ing|ed|e)$/, '');
  return bare.length >= 3 ? bare : word;
}

/**
 * Verbs outlets pick by house style to say "X is out". They carry no identity of the event, and
 * counting them would make "OpenAI releases GPT-5" closer to "OpenAI releases a podcast" than
 * to "OpenAI launches GPT-5".
 */
const ANNOUNCE_VERBS = new Set(
  [
    'release', 'launch', 'unveil', 'announce', 'introduce', 'debut', 'reveal', 'ship', 'roll',
    'drop', 'publish', 'present', 'open', 'source', 'say',
  ].map(stem),
);

/**
 * Words outlets use for one kind of event, one token for each kind: "Apple buys Q.ai" and
 * "Apple's biggest acquisition" tell one deal. Kept to the events news reports most, in words
 * that mean little else in a headline.
 */
const SAME_EVENT_WORDS: Record<string, string[]> = {
  acquire: ['acquires', 'acquired', 'acquiring', 'acquisition', 'buys', 'bought', 'buying', 'purchase', 'purchases', 'purchased'],
  sue: ['sues', 'sued', 'suing', 'lawsuit', 'lawsuits'],
  fire: ['fires', 'fired', 'firing', 'oust', 'ousts', 'ousted', 'ouster', 'sacks', 'sacked'],
  resign: ['resigns', 'resigned', 'resignation', 'quits', 'quit', 'departs', 'departure', 'leaves'],
  ban: ['bans', 'banned', 'banning', 'blocks', 'blocked', 'blocking'],
  merge: ['merges', 'merged', 'merger', 'merging', 'combine', 'combines', 'combining'],
};
const eventWord = new Map(Object.entries(SAME_EVENT_WORDS).flatMap(([kind, words]) => [kind, ...words].map((w) => [stem(w), stem(kind)] as const)));

/** Decimal numbers ("2.0", "3.5") stay one token; anything else splits on non-alphanumerics. */
const TOKEN = /\p{N}+(?:\.\p{N}+)+|[\p{L}\p{N}]+/gu;

/** "Artificial intelligence" is what other outlets write "AI": one word, so the two wordings meet. */
const spelledOutAi = (title: string) => title.replace(/\bartificial[\s-]+intelligence\b/giu, 'AI');

function words(title: string): string[] {
  const text = spelledOutAi(title)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’](?:s\b)?/g, '');
  return text.match(TOKEN) ?? [];
}

/** Each word's token ('' for a word left out), kept across calls: summaries repeat few thousand words many times. */
const tokenOf = new Map<string, string>();
const MAX_REMEMBERED = 100_000;

export function headlineTokens(title: string): string[] {
  const tokens: string[] = [];
  for (const raw of words(title)) {
    let token = tokenOf.get(raw);
    if (token === undefined) {
      const stemmed = stem(raw);
      token = STOPWORDS.has(raw) || ANNOUNCE_VERBS.has(stemmed) ? '' : (eventWord.get(stemmed) ?? stemmed);
      if (tokenOf.size >= MAX_REMEMBERED) tokenOf.clear();
      tokenOf.set(raw, token);
    }
    if (token !== '') tokens.push(token);
  }
  return tokens;
}

/** Unigrams and adjacent pairs (after stopword removal), so word order counts but not entirely. */
export function shingles(tokens: readonly string[]): Set<string> {
  const set = new Set<string>(tokens);
  for (let i = 1; i < tokens.length; i += 1) set.add(`${tokens[i - 1]} ${tokens[i]}`);
  return set;
}

/** Numbers in a headline: versions, sizes, amounts ("$2B" and "$2 billion" are one amount). */
export function numbers(tokens: readonly string[]): Set<string> {
  return new Set(tokens.filter((t) => /^\p{N}/u.test(t)).map((t) => t.replace(/^(\p{N}+(?:\.\p{N}+)?)(?:bn|b|m|k)$/u, '$1')));
}

/** Capitalized words that name no one thing: "AI" stands beside every maker's product ("Bing Chat" / "Bing AI"). */
const NOT_NAMES = new Set(['ai']);

/**
 * Capitalized words after the first, as tokens: in a sentence-case headline these are names
 * ("Claude 3.5 Sonnet", "Haiku"). Only a word's own capital counts: in "AI-powered", "powered"
 * is no name. A Title Case Headline capitalizes everything, so it has no readable names and
 * gives null.
 */
export function names(title: string): Set<string> | null {
  const parts = spelledOutAi(title).split(/\s+/).slice(1).filter((w) => /\p{L}/u.test(w));
  const capitalized = parts.filter((w) => /^\P{L}*\p{Lu}/u.test(w));
  const lowercase = parts.filter((w) => !STOPWORDS.has(w.toLowerCase()) && !/^\P{L}*\p{Lu}/u.test(w));
  if (capitalized.length > 0 && lowercase.length === 0 && parts.length >= 3) return null;
  const capitals = parts.flatMap((w) => w.split(/[-–—/]/)).filter((w) => /^\P{L}*\p{Lu}/u.test(w));
  return new Set(capitals.flatMap((w) => headlineTokens(w)).filter((t) => !NOT_NAMES.has(t)));
}
