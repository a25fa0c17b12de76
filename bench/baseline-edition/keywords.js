/**
 * Words that say a story is about machine learning even when it links no concept. Matched on word
 * boundaries, with common inflections; acronyms only as written, so "ai" in a name or "gpu" in a
 * URL slug does not count. Generic ones ("model", "paper", "training") are kept on purpose: a
 * false positive costs one ranking point, while a false negative drops the story entirely.
 */
const KEYWORDS = [
    ['machine learning', /\bmachine[- ]learning\b/i],
    ['deep learning', /\bdeep[- ]learning\b/i],
    ['artificial intelligence', /\b[Aa]rtificial [Ii]ntelligence\b|\bAI\b/],
    ['neural network', /\bneural\b/i],
    ['model', /\bmodels?\b/i],
    ['LLM', /\bLLMs?\b/],
    ['language model', /\blanguage models?\b/i],
    ['training', /\b(?:pre-?)?train(?:ing|ed|s)?\b/i],
    ['fine-tuning', /\bfine-?tun(?:e|es|ed|ing)\b/i],
    ['inference', /\binference\b/i],
    ['benchmark', /\bbenchmarks?\b/i],
    ['dataset', /\bdata ?sets?\b/i],
    ['transformer', /\btransformers?\b/i],
    ['reinforcement learning', /\b[Rr]einforcement [Ll]earning\b|\bRL(?:HF)?\b/],
    ['diffusion', /\bdiffusion\b/i],
    ['embedding', /\bembeddings?\b/i],
    ['GPU', /\bGPUs?\b|\bTPUs?\b/],
    ['arXiv', /\barxiv\b/i],
    ['paper', /\bpapers?\b/i],
    ['agent', /\bAI agents?\b|\bagentic\b/i],
    ['computer vision', /\bcomputer vision\b/i],
    ['NLP', /\bNLP\b|\bnatural language processing\b/i],
    ['open weights', /\bopen[- ]weights?\b/i],
];
/** The labels of the keywords found in the texts, in the list's order, each once. */
export function mlKeywords(texts) {
    return KEYWORDS.filter(([, pattern]) => texts.some((text) => pattern.test(text))).map(([label]) => label);
}
//# sourceMappingURL=keywords.js.map