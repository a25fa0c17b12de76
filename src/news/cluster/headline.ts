import { makerOf } from './makers.js';
import { headlineTokens, names, numbers } from './shingles.js';
import { contradicting, stance, type Stance } from './stance.js';

/** A headline prepared once for comparing with many others. */
export interface Headline {
  /** The title's words, normalized (shingles.ts). */
  tokens: string[];
  /** The same words by clause: punctuation ("xAI, His new company", "Gemini 3.5, Spark") parts neighbours. */
  clauses: string[][];
  /** The title's words and its URL slug's, as ascending distinct numbers (one per word in the run). */
  ids: Int32Array;
  numbers: Set<string>;
  names: Set<string> | null;
  /** A newsletter's item ("The Morning After: …"): its summary tells the day's other stories too. */
  digest: boolean;
  /** The maker of the ML product the headline leads with (makers.ts), if it leads with one. */
  maker: string | undefined;
  /** Preview, rumour, confirmation, repetition, deal (stance.ts). */
  stance: Stance;
  /** The words of title, slug and the feed's summary together, as ascending distinct ids (story.ts). */
  story: Int32Array;
}

/**
 * The words of a URL's slug, the last path segment made of hyphenated words
 * ("/2026/04/16/gemini-personal-intelligence-images"): outlets put the names of an event there
 * that their headline paraphrases. Ids, dates and file names give none.
 */
export function slugTokens(url: string | null): string[] {
  if (url === null || !URL.canParse(url)) return [];
  const segment = new URL(url).pathname
    .split('/')
    .filter((s) => /\p{L}/u.test(s) && /[-_]/.test(s))
    .at(-1);
  return segment ? headlineTokens(bare(decodeURIComponent(segment).replace(/\.\w+$/, '').replace(/[-_]+/g, ' ')).text) : [];
}

/**
 * Newsletters that lead each item with their own name ("The Morning After: Google expands access
 * to Bard"): the name tells which newsletter, and the summary below tells the day's other stories too.
 */
const NEWSLETTER = /^\s*(?:the morning after|the download)\b\s*:?\s*/i;

/** A headline (or slug) without a newsletter's name, and whether it had one. */
function bare(text: string): { text: string; digest: boolean } {
  const rest = text.replace(NEWSLETTER, '');
  return rest !== text && headlineTokens(rest).length > 0 ? { text: rest, digest: true } : { text, digest: false };
}

/** What ends a clause in a headline: commas, colons, question marks, dashes between words, quotes. */
const CLAUSE_END = /[,:;?!()"“”|]|\.\s|\s[-–—]\s|[–—]/u;

export function headline(fullTitle: string, url: string | null, idOf: (token: string) => number, summary = ''): Headline {
  const { text: title, digest } = bare(fullTitle);
  const tokens = headlineTokens(title);
  // A headline that leads with a product tells its maker's news (makers.ts); one that names it later
  // ("Duolingo Max, powered by GPT-4") tells someone else's.
  const maker = tokens.length > 0 ? makerOf.get(tokens[0]!) : undefined;
  const own = new Set([...tokens, ...slugTokens(url), ...(maker ? [maker] : [])].map(idOf));
  const ids = Int32Array.from(own).sort();
  const story = Int32Array.from(new Set([...own, ...headlineTokens(summary).map(idOf)])).sort();
  const clauses = title.split(CLAUSE_END).map(headlineTokens);
  return { tokens, clauses, ids, digest, maker, numbers: numbers(tokens), names: names(title), stance: stance(title), story };
}

/** Positions of the names in `a` that `b` lacks, with their neighbours in the same clause. */
function ownNames(a: Headline, b: Headline): Array<{ before?: string; after?: string }> {
  const names = a.names;
  if (names === null) return [];
  return a.clauses.flatMap((clause) =>
    clause.flatMap((token, i) => (names.has(token) && !b.tokens.includes(token) ? [{ before: clause[i - 1], after: clause[i + 1] }] : [])),
  );
}

/**
 * Headlines that cannot be one event: a preview and a report (stance.ts), or identifiers that
 * contradict each other: different version numbers ("Gemini 1.5" / "Gemini 2.0"; years only
 * against years), or one name put in the place of another ("Claude 3.5 Sonnet" / "Claude 3.5
 * Haiku": each has a name the other lacks, next to the same identifier). Word overlap alone rates
 * those pairs as similar as a paraphrase.
 */
export function conflicting(a: Headline, b: Headline): boolean {
  // A preview and the report of what happened are two stories, however alike their words (stance.ts).
  if (contradicting(a.stance, b.stance)) return true;
  if (otherMakersNews(a, b)) return true;
  if (disjoint(a.numbers, b.numbers, isYear) || disjoint(a.numbers, b.numbers, (n) => !isYear(n))) return true;
  const inB = ownNames(b, a);
  // The common neighbour is an identifier itself (a name both use, a version): "Claude 3.5 Sonnet".
  const identifier = (t: string | undefined) => t !== undefined && (/^\p{N}/u.test(t) || (a.names!.has(t) && b.names!.has(t)));
  return ownNames(a, b).some((x) => inB.some((y) => (identifier(x.before) && x.before === y.before) || (identifier(x.after) && x.after === y.after)));
}

/**
 * Each headline leads with another maker's product and one never names the other's: "GPT-4" and
 * "The new Bing runs on OpenAI's GPT-4" tell OpenAI's news and Microsoft's. "DALL-E 3 is now
 * inside Bing" and "Bing Image Creator supports DALL-E 3" name both, and may be one event.
 */
function otherMakersNews(a: Headline, b: Headline): boolean {
  if (a.maker === undefined || b.maker === undefined || a.maker === b.maker) return false;
  return !a.tokens.includes(b.tokens[0]!) || !b.tokens.includes(a.tokens[0]!);
}

/** A year dates an event; it does not name a version ("Surface 2023 live blog" / "Surface Laptop Studio 2"). */
const isYear = (n: string) => /^(?:19|20)\d\d$/.test(n);

/** Both have numbers of a kind and share none of them. */
function disjoint(a: ReadonlySet<string>, b: ReadonlySet<string>, kind: (n: string) => boolean): boolean {
  const x = [...a].filter(kind);
  const y = new Set([...b].filter(kind));
  return x.length > 0 && y.size > 0 && !x.some((n) => y.has(n));
}

/** Fewer shared words than this make no event, however rare the one word is. */
const MIN_SHARED = 2;

/**
 * Weighted Dice similarity of two headlines' word sets: twice the weight of the words they share
 * over the weight of both. A rare word (a name, a product) weighs more than a common one ("AI").
 * Headlines sharing fewer than two words are not alike at all.
 */
export function similarity(a: Int32Array, b: Int32Array, weight: Float64Array): number {
  let shared = 0;
  let total = 0;
  let common = 0;
  for (let i = 0, j = 0; i < a.length || j < b.length; ) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    if (x === y) {
      common += 1;
      shared += 2 * (weight[x] as number);
      total += 2 * (weight[x] as number);
      i += 1;
      j += 1;
    } else if (x < y) {
      total += weight[x] as number;
      i += 1;
    } else {
      total += weight[y] as number;
      j += 1;
    }
  }
  // One shared word is a subject, not an event ("Dropout for transformers" / "Dropout for CNNs").
  return total === 0 || common < MIN_SHARED ? 0 : shared / total;
}


/**
 * A short headline entirely inside a longer one: every word of `a` (two or more) is in `b`, as
 * Hacker News's one-word "GPT-4" (and its link's slug) is in "OpenAI announces GPT-4 — the next
 * generation of its AI language model". Weighted similarity rates such a pair low: most of the
 * long headline's words are not shared.
 */
export function containedIn(a: Int32Array, b: Int32Array): boolean {
  if (a.length < MIN_SHARED || a.length > b.length) return false;
  let j = 0;
  for (const x of a) {
    while (j < b.length && (b[j] as number) < x) j += 1;
    if (j === b.length || b[j] !== x) return false;
  }
  return true;
}
