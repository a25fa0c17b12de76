import { relevanceEvidence, relevanceOf, RELEVANCE_THRESHOLD } from '../../news/relevance/index.js';
import type { CandidateStory } from '../types.js';

export { RELEVANCE_THRESHOLD };

/**
 * One story's relevance to ML in [0, 1] and the words that made it so: the trained classifier of
 * src/news/relevance (held-out precision and recall in its tests), on title, summary and the
 * concept cards the story is linked to. Words
 * like "model" or "training" alone never make a story relevant.
 */
export function storyRelevance(story: Pick<CandidateStory, 'title' | 'summary' | 'conceptNames'>): { score: number; evidence: string[] } {
  const item = inputOf(story);
  return { score: relevanceOf(item), evidence: relevanceEvidence(item) };
}

/** The score alone: what ranking every member of a cluster needs (the words are worked out for one). */
export function storyScore(story: Pick<CandidateStory, 'title' | 'summary' | 'conceptNames'>): number {
  return relevanceOf(inputOf(story));
}

const inputOf = (story: Pick<CandidateStory, 'title' | 'summary' | 'conceptNames'>) => ({ title: story.title, summary: story.summary, concepts: story.conceptNames });
