import { describe, expect, it } from 'vitest';
import { featuresOf, GENERIC_WORDS, isGenericFeature, tokens } from '../../../src/news/relevance/features.js';
import { isHeldOut, titleHash } from '../../../src/news/relevance/split.js';

describe('relevance features', () => {
  it('lower-cases, folds plurals and "A.I.", and drops stopwords and bare numbers', () => {
    expect(tokens('The A.I. Models of 2024 are LLMs')).toEqual(['ai', 'model', 'llm']);
    expect(tokens("OpenAI's GPT-4o")).toEqual(['openai', 'gpt', '4o']);
  });

  it('reads a name written in camel case as its words too, beside the joined form; capitals stay joined', () => {
    expect(tokens('StableDiffusion runs on WebGPU')).toEqual(['stablediffusion', 'stable', 'diffusion', 'run', 'webgpu']);
    expect(tokens('LangChain and DeepMind')).toEqual(['langchain', 'lang', 'chain', 'deepmind', 'deep', 'mind']);
    expect(tokens('OpenAI ships ChatGPT')).toEqual(['openai', 'ship', 'chatgpt']);
  });

  it('keeps title and summary features apart and counts each once', () => {
    const features = featuresOf({ title: 'Language models', summary: 'Language models, language models.' });
    const names = features.map(([name]) => name);
    expect(names).toEqual(['t:language', 't:language model', 't:model', 's:language', 's:language model', 's:model', 's:model language']);
    expect(new Set(names).size).toBe(names.length);
  });

  it('leaves out feed boilerplate: links, hnrss counts and the arXiv announcement prefix', () => {
    const hn = featuresOf({
      title: '',
      summary: 'Article URL: https://github.com/a/b Comments URL: https://news.ycombinator.com/item?id=1 Points: 12 # Comments: 3',
    });
    expect(hn).toEqual([]);
    const arxiv = featuresOf({ title: '', summary: 'arXiv:2401.01234v1 Announce Type: replace-cross Abstract: Sparse transformers.' });
    expect(arxiv.map(([name]) => name)).toEqual(['s:sparse', 's:sparse transformer', 's:transformer']);
  });

  it('reads only the start of a long summary', () => {
    const long = `${'filler '.repeat(200)}transformer`;
    expect(featuresOf({ title: '', summary: long }).map(([name]) => name)).not.toContain('s:transformer');
  });

  it('calls a feature generic only when every word in it is generic', () => {
    expect(GENERIC_WORDS.has('model')).toBe(true);
    expect(isGenericFeature('t:ai model')).toBe(true);
    expect(isGenericFeature('s:training')).toBe(true);
    expect(isGenericFeature('t:language model')).toBe(false);
    expect(isGenericFeature('t:tesla model')).toBe(false);
  });
});

describe('held-out split', () => {
  it('is a fixed quarter chosen by the title alone', () => {
    expect(titleHash('GPT-4')).toBe(titleHash('  gpt-4 '));
    const titles = Array.from({ length: 4000 }, (_, i) => `headline ${i}`);
    const share = titles.filter(isHeldOut).length / titles.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.28);
  });
});
