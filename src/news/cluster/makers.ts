import { headlineTokens } from './shingles.js';

/**
 * The makers of the ML products that headlines name alone. One outlet writes "OpenAI announces
 * GPT-4", the next "GPT-4 unveiled: ChatGPT's next big upgrade is here"; an editor reads the maker
 * in the product a headline leads with, so such a headline also names its maker (headline.ts).
 * Kept small on purpose: only names that mean one product in ML news, each maker's flagship ones;
 * a maker is a common word in the news, so it adds little weight, and only where both headlines
 * have it.
 */
const PRODUCTS: Record<string, string[]> = {
  OpenAI: ['ChatGPT', 'GPT', 'DALL-E', 'Sora', 'Whisper', 'Codex'],
  Google: ['Gemini', 'Bard', 'PaLM', 'Gemma', 'NotebookLM', 'DeepMind'],
  Meta: ['Llama'],
  Anthropic: ['Claude'],
  Microsoft: ['Copilot', 'Bing'],
  xAI: ['Grok'],
};

/** Each product's token, to its maker's. */
export const makerOf: ReadonlyMap<string, string> = new Map(
  Object.entries(PRODUCTS).flatMap(([maker, products]) => {
    const makerToken = headlineTokens(maker)[0]!;
    return products.map((product) => [headlineTokens(product)[0]!, makerToken] as const);
  }),
);
