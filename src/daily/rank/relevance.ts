import { relevanceEvidence, relevanceOf, RELEVANCE_THRESHOLD } from '../../news/relevance/index.js';
import type { CandidateStory } from '../types.js';

export { RELEVANCE_THRESHOLD };

/**
 * One story's relevance to ML in [0, 1] and the words that made it so: the trained classifier of
 * src/news/relevance (held-out precision and recall in its tests), on title and summary. Words
 * like "model" or "training" alone never make a story relevant.
 */
export function storyRelevance(story: Pick<CandidateStory, 'title' | 'summary'>): { score: number; evidence: string[] } {
  const item = { title: story.title, summary: story.summary };
  return { score: relevanceOf(item), evidence: relevanceEvidence(item) };
}
