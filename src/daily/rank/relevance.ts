import type { CandidateStory } from '../types.js';

/**
 * Interim keyword relevance, until the trained classifier lands: words that say a story is about
 * machine learning on their own. Generic words ("model", "training", "network", "paper") are not
 * among them: a car model or a marathon training plan is not ML news.
 */
const KEYWORDS: ReadonlyArray<readonly [label: string, pattern: RegExp]> = [
  ['machine learning', /\bmachine[- ]learning\b/i],
  ['deep learning', /\bdeep[- ]learning\b/i],
  ['artificial intelligence', /\b[Aa]rtificial [Ii]ntelligence\b|\bAI\b/],
  ['neural network', /\bneural\b/i],
  ['LLM', /\bLLMs?\b/],
  ['language model', /\blanguage models?\b/i],
  ['fine-tuning', /\bfine-?tun(?:e|es|ed|ing)\b/i],
  ['transformer', /\btransformers?\b/i],
  ['reinforcement learning', /\b[Rr]einforcement [Ll]earning\b|\bRLHF\b/],
  ['diffusion model', /\bdiffusion models?\b/i],
  ['embedding', /\bembeddings?\b/i],
  ['computer vision', /\bcomputer vision\b/i],
  ['NLP', /\bNLP\b|\bnatural language processing\b/i],
  ['open weights', /\bopen[- ]weights?\b/i],
];

export const RELEVANCE_THRESHOLD = 0.5;

/** One story's relevance to ML in [0, 1] and the words (keywords, linked concepts) that made it so. */
export function storyRelevance(story: Pick<CandidateStory, 'title' | 'summary' | 'conceptNames'>): { score: number; evidence: string[] } {
  const text = `${story.title}\n${story.summary}`;
  const evidence = [...KEYWORDS.filter(([, pattern]) => pattern.test(text)).map(([label]) => label), ...story.conceptNames];
  return { score: evidence.length === 0 ? 0 : Math.min(1, 0.5 + 0.25 * (evidence.length - 1)), evidence };
}
