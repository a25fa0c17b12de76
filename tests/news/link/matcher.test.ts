import { describe, expect, it } from 'vitest';
import { buildConceptMatcher } from '../../../src/news/link/index.js';

const concepts = [
  { id: 1, name: 'LoRA (low-rank adaptation)', aliases: ['LoRA', 'low-rank adaptation', 'QLoRA', 'PEFT'] },
  { id: 2, name: 'Dropout', aliases: ['dropout regularization', 'inverted dropout'] },
  { id: 3, name: 'Residual connections', aliases: ['ResNet', 'skip connection', 'residual block'] },
  { id: 4, name: 'Proximal policy optimization (PPO)', aliases: ['PPO', 'PPO-clip'] },
  { id: 5, name: 'Pretraining and fine-tuning', aliases: ['pre-training', 'fine-tuning', 'foundation model'] },
  { id: 6, name: 'Attention mechanism', aliases: ['attention', 'self-attention', 'scaled dot-product attention'] },
  { id: 7, name: 'Pooling', aliases: ['max pooling', 'average pooling'] },
  { id: 8, name: 'Perplexity', aliases: ['perplexity', 'PPL'] },
  { id: 9, name: 'Adam', aliases: ['Adam optimizer', 'AMSGrad'] },
  { id: 10, name: 'Gradient descent', aliases: ['steepest descent'] },
  { id: 11, name: 'Stochastic gradient descent', aliases: ['SGD'] },
  { id: 12, name: 'KV cache', aliases: ['KV caching', 'key-value cache'] },
  { id: 13, name: 'Generative adversarial networks', aliases: ['GAN', 'GANs', 'generative adversarial network'] },
  { id: 14, name: 'Positional encoding', aliases: ['RoPE', 'ALiBi'] },
  { id: 15, name: 'Transformer', aliases: ['transformer architecture'] },
  { id: 16, name: 'Policy gradient methods', aliases: ['REINFORCE', 'actor-critic'] },
  { id: 17, name: 'k-means clustering', aliases: ["Lloyd's algorithm", 'k-means++'] },
  { id: 18, name: 'Markov decision processes', aliases: ['MDP'] },
  { id: 19, name: 'Naive Bayes', aliases: [] },
  { id: 20, name: 'Bootstrap', aliases: ['bootstrap resampling'] },
  { id: 21, name: 'Exploration–exploitation trade-off', aliases: ['UCB', 'multi-armed bandit'] },
  { id: 22, name: 'Retrieval-augmented generation (RAG)', aliases: ['RAG', 'vector database'] },
  { id: 23, name: 'ZeRO', aliases: ['ZeRO-3', 'FSDP'] },
  { id: 24, name: 'Temporal-difference learning', aliases: ['TD(λ)', 'TD(0)'] },
  { id: 25, name: 'Learning rate', aliases: ['lr'] },
  { id: 26, name: 'ReAct (reasoning and acting)', aliases: ['ReAct', 'ReAct prompting'] },
  { id: 27, name: 'Knowledge graph embeddings (TransE and successors)', aliases: ['TransE', 'ComplEx'] },
  { id: 28, name: 'Lasso (L1 regularization)', aliases: ['lasso regression'] },
  { id: 29, name: 'Mechanistic interpretability (circuits)', aliases: ['circuits', 'circuit analysis'] },
  { id: 30, name: 'Convolutional neural networks', aliases: ['CNN', 'ConvNet'] },
];

const match = buildConceptMatcher(concepts);

describe('buildConceptMatcher', () => {
  it.each([
    ['LoRA as written', 'LoRA fine-tuning on one GPU', [1, 5]],
    ['not "lora" inside "flora"', 'The flora of the Alps', []],
    ['not lowercase "lora"', 'a lora radio network', []],
    ['a longer alias with a short one inside', 'QLoRA makes 4-bit fine-tuning cheap', [1, 5]],
    ['Dropout at the start of a sentence', 'Dropout still works', [2]],
    ['dropout in any case, plural too', 'We apply DROPOUT and more dropouts', [2]],
    ['not dropout inside a word', 'dropouterror and antidropout', []],
    ['the plural name', 'Residual connections, revisited', [3]],
    ['the singular of a plural name', 'A residual connection helps', [3]],
    ['the plural of a singular alias', 'Two skip connections', [3]],
    ['PPO as written', 'Training with PPO and PPO-clip', [4]],
    ['not "ppo" inside "opposite"', 'The opposite holds; ppo in lowercase is not the acronym', []],
    ['hyphen and space as one', 'pre training, pre-training and pretraining', [5]],
    ['an en dash as a hyphen', 'fine–tuning', [5]],
    ['line breaks inside a term', 'scaled dot-product\nattention', [6]],
    ['the longest term, not the one inside it', 'Stochastic gradient descent converges', [11]],
    ['both when both appear', 'gradient descent and SGD', [10, 11]],
    ['a short acronym with its plural', 'GANs and a GAN', [13]],
    ['"RoPE" but not "rope"', 'RoPE scaling; a rope bridge', [14]],
    ['REINFORCE only in capitals', 'REINFORCE; we reinforce the claim', [16]],
    ['a term ending in punctuation', 'k-means++ seeding', [17]],
    ['a curly apostrophe', 'Lloyd’s algorithm', [17]],
    ['a plural in -es', 'Markov decision process and Markov decision processes', [18]],
    ['a name that ends in s but is not plural', 'naive bayes', [19]],
    ['a parenthetical name split into its parts', 'retrieval augmented generation beats plain RAG', [22]],
    ['a short mixed-case acronym only as written', 'ZeRO-3 sharding, not zero overhead', [23]],
    ['a term with parentheses', 'TD(λ) and TD(0) targets', [24]],
    ['nothing in an empty text', '', []],
  ])('matches %s', (_case, text, ids) => {
    expect(match(text)).toEqual(ids);
  });

  it.each([
    ['attention alone', 'Pay attention to this launch'],
    ['pooling alone', 'GPU pooling across clusters'],
    ['perplexity (the company)', 'Perplexity raises another round'],
    ['Adam (a first name)', 'Adam D’Angelo joins the board'],
    ['bootstrap alone', 'How we bootstrap a startup with Bootstrap CSS'],
    ['UCB (UC Berkeley)', 'Researchers at UCB show'],
    ['a two-letter lowercase alias', 'lr = 0.1'],
    ['names with a capital inside, in other cases (React, complex)', 'Show HN: a React app for complex forms'],
    ['Lasso (Ted Lasso)', 'Ted Lasso season 3 starts'],
    ['circuits (boards, courts)', 'Two XOR circuits inside the 386; the 9th Circuit'],
    ['CNN (the broadcaster)', 'CNN host rebukes network'],
  ])('never matches common or ambiguous words: %s', (_case, text) => {
    expect(match(text)).toEqual([]);
  });

  it('matches names with a capital inside as written', () => {
    expect(match('ReAct agents; TransE and ComplEx; a ConvNet')).toEqual([26, 27, 30]);
    expect(match('lasso regression and circuit analysis')).toEqual([28, 29]);
  });

  it('still matches the longer aliases of a skipped name', () => {
    expect(match('max pooling, Adam optimizer, bootstrap resampling, a multi-armed bandit')).toEqual([7, 9, 20, 21]);
  });

  it('matches Transformer in any case', () => {
    expect(match('A new transformer, and Transformers')).toEqual([15]);
  });

  it('returns unique ids in order of first mention', () => {
    expect(match('PPO with LoRA, then LoRA again, then PPO and dropout')).toEqual([4, 1, 2]);
  });

  it('links a term shared by two concepts to both', () => {
    const shared = buildConceptMatcher([
      { id: 1, name: 'Alpha', aliases: ['shared term'] },
      { id: 2, name: 'Beta', aliases: ['Shared Term'] },
    ]);
    expect(shared('a shared term here')).toEqual([1, 2]);
  });

  it('works with no concepts', () => {
    expect(buildConceptMatcher([])('anything')).toEqual([]);
  });

  it('handles thousands of stories against a realistic concept list', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      id: i,
      name: `Concept number ${i}`,
      aliases: [`alias ${i} one`, `alias-${i}-two`, `A${i}X`, `term${i}s`, `thing ${i}`],
    }));
    const matcher = buildConceptMatcher(many);
    const story = `${'ordinary words in a long news story about models and training '.repeat(10)} alias 7 one and A42X`;
    const results = Array.from({ length: 3000 }, () => matcher(story));
    expect(results.every((ids) => ids.join() === '7,42')).toBe(true);
  });
});
