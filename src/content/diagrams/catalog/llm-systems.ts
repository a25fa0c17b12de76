import { blocks, type Box } from '../blocks.js';
import { Chart } from '../chart.js';
import type { DiagramDefinition } from './types.js';

type Point = [number, number];
const GiB = 2 ** 30;

/** Serving and using language models: memory, speed, retrieval, evaluation. */
export const llmSystemsDiagrams: DiagramDefinition[] = [
  {
    slug: 'kv-cache',
    alt: 'KV-cache memory for a batch of 16 sequences in 16-bit precision against sequence length: Llama 2 7B, with 32 layers of 32 key-value heads of dimension 128, needs 0.5 MiB per token and reaches 32 GiB at 4,096 tokens, more than twice its roughly 13.5 GB of weights (the dashed line); Llama 2 70B, with grouped-query attention and only 8 key-value heads over 80 layers, needs 0.3125 MiB per token, 20 GiB at 4,096.',
    draw: () => {
      const perToken = (layers: number, kvHeads: number) => 2 * layers * kvHeads * 128 * 2;
      const batch = 16;
      return new Chart({
        title: 'KV-cache size, batch of 16',
        desc: 'bytes = 2 × layers × KV heads × 128 × tokens × 16 × 2 bytes, in GiB.',
        x: { domain: [0, 4096], label: 'tokens per sequence', ticks: [0, 1024, 2048, 3072, 4096], format: (v) => v.toLocaleString('en-US') },
        y: { domain: [0, 35], label: 'KV cache (GiB)' },
        legend: 'top-left',
      })
        .fn((t) => (perToken(32, 32) * t * batch) / GiB, { series: 0, label: '7B: 32 layers × 32 KV heads' }, [0, 4096], 2)
        .fn((t) => (perToken(80, 8) * t * batch) / GiB, { series: 1, label: '70B: 80 layers × 8 KV heads (GQA)' }, [0, 4096], 2)
        .rule('y', 13.5e9 / GiB, '7B weights ≈ 13.5 GB', { anchor: 'end' })
        .svg();
    },
  },
  {
    slug: 'speculative-decoding',
    alt: 'Expected tokens per pass of the large model with speculative decoding, (1 − α^(γ+1))/(1 − α), against the per-token acceptance rate α for draft lengths γ = 1, 2, 4 and 8: the gain grows with α and, at high α, with γ; with γ = 4 and α = 0.8 each pass yields about 3.36 tokens instead of one.',
    draw: () => {
      const tokens = (a: number, g: number) => (a === 1 ? g + 1 : (1 - a ** (g + 1)) / (1 - a));
      const chart = new Chart({
        title: 'Tokens per target pass',
        desc: '𝔼[tokens] = (1 − α^(γ+1))/(1 − α) for α from 0 to 0.99 and γ = 1, 2, 4, 8 (Leviathan et al., 2023).',
        x: { domain: [0, 1], label: 'acceptance rate α' },
        y: { domain: [1, 9], label: 'tokens per pass' },
        legend: 'top-left',
      });
      [1, 2, 4, 8].forEach((g, i) => chart.fn((a) => tokens(a, g), { series: i, label: `γ = ${g}` }, [0, 0.99], 200));
      return chart
        .points([[0.8, tokens(0.8, 4)]], { series: 2, r: 5 })
        .label(0.8, tokens(0.8, 4), `γ = 4, α = 0.8: ${tokens(0.8, 4).toFixed(2)}`, { anchor: 'end', dx: -8, dy: -8 })
        .svg();
    },
  },
  {
    slug: 'roofline-arithmetic-intensity',
    alt: 'A roofline for an accelerator with 300 TFLOP/s of 16-bit compute and 2 TB/s of memory bandwidth, on log–log axes: attainable throughput rises with arithmetic intensity along the memory-bound slope until the ridge point at 150 FLOPs per byte and is flat at the compute peak after it. Batch-1 decoding of a 7B model, at about 1 FLOP per byte, sits far down the slope at about 2 TFLOP/s.',
    draw: () => {
      const peak = 300e12;
      const bandwidth = 2e12;
      const attainable = (i: number) => Math.min(peak, bandwidth * i);
      return new Chart({
        title: 'The roofline',
        desc: 'attainable = min(300 TFLOP/s, 2 TB/s × I); ridge point I* = 150 FLOP/byte.',
        x: { domain: [0.1, 1e4], label: 'arithmetic intensity (FLOP/byte, log)', log: true },
        y: { domain: [1e11, 1e15], label: 'FLOP/s (log)', log: true, format: (v) => `${v / 1e12 >= 1 ? v / 1e12 : v / 1e12} T` },
      })
        .fn(attainable, { series: 0, dash: false, width: 3 }, [0.1, 1e4], 400)
        .rule('x', peak / bandwidth, 'ridge 150', { anchor: 'end' })
        .points([[1, attainable(1)]], { series: 1, r: 6 })
        .label(1, attainable(1), 'decode, batch 1: ~2 TFLOP/s', { anchor: 'start', dx: 10, dy: 18 })
        .label(8000, peak, 'compute-bound: 300 TFLOP/s', { anchor: 'end', dy: 22 })
        .label(1.5, 8e12, 'memory-bound', { anchor: 'middle', dy: -14 })
        .svg();
    },
  },
  {
    slug: 'naive-bayes',
    alt: 'The posterior probability of spam when a token that makes spam 3 times as likely appears as k copies that always occur together, starting from even odds: the correct posterior stays at 0.75 however many copies there are, while naive Bayes multiplies the evidence, giving 0.90 for two copies and approaching 1 as k grows, so it is overconfident.',
    draw: () => {
      const ks = [1, 2, 3, 4, 5];
      return new Chart({
        title: 'Naive Bayes counts repeated evidence again',
        desc: 'Naive posterior odds 3^k against the correct odds 3 for k perfectly correlated tokens, each with likelihood ratio 3.',
        x: { domain: [0.6, 5.4], label: 'copies k of the same evidence', ticks: ks },
        y: { domain: [0.5, 1.02], label: 'P(spam | email)', ticks: [0.5, 0.6, 0.7, 0.8, 0.9, 1] },
        legend: 'bottom-right',
      })
        .line(ks.map((k): Point => [k, 3 ** k / (1 + 3 ** k)]), { series: 1, label: 'naive Bayes: odds 3^k' })
        .points(ks.map((k): Point => [k, 3 ** k / (1 + 3 ** k)]), { series: 1, r: 4.5 })
        .line(ks.map((k): Point => [k, 0.75]), { series: 0, label: 'correct: odds 3', dash: false })
        .points(ks.map((k): Point => [k, 0.75]), { series: 0, r: 4.5, shape: 'square' })
        .label(2, 0.9, 'k = 2: 0.90', { anchor: 'start', dx: 8, dy: 16 })
        .svg();
    },
  },
  {
    slug: 'perplexity',
    alt: 'The negative log-likelihood of each of four held-out tokens given probabilities 0.5, 0.25, 0.1 and 0.2: 0.693, 1.386, 2.303 and 1.609 nats, averaging 1.498 (the dashed line); the perplexity is e^1.498 ≈ 4.47, as uncertain as a uniform choice among about four and a half tokens.',
    draw: () => {
      const probs = [0.5, 0.25, 0.1, 0.2];
      const nll = probs.map((p) => -Math.log(p));
      const average = nll.reduce((a, b) => a + b, 0) / nll.length;
      return new Chart({
        title: `Perplexity e^${average.toFixed(3)} ≈ ${Math.exp(average).toFixed(2)}`,
        desc: 'Per-token −log p for p = 0.5, 0.25, 0.1, 0.2, and their mean.',
        x: { domain: [-0.6, 3.6], label: 'token (its probability)', names: ['p = 0.5', 'p = 0.25', 'p = 0.1', 'p = 0.2'] },
        y: { domain: [0, 2.8], label: '−log p (nats)', ticks: [0, 0.5, 1, 1.5, 2, 2.5] },
      })
        .bars(nll.map((v, i): Point => [i, v]), { series: 0, width: 0.6, values: (v) => v.toFixed(3) })
        .rule('y', average)
        .label(3.55, 2.58, `mean ${average.toFixed(3)} nats → perplexity ${Math.exp(average).toFixed(2)}`, { anchor: 'end' })
        .svg();
    },
  },
  {
    slug: 'retrieval-augmented-generation',
    alt: 'Retrieval-augmented generation as a pipeline: ahead of time, 20,000 policy pages are split into chunks and each chunk is embedded into a vector index. At question time the question is embedded, the five nearest chunks by cosine similarity are retrieved, and they go into the prompt with the question and an instruction to answer only from them and cite the page; the language model then writes the answer.',
    draw: () => {
      const boxes: Record<string, Box> = {
        docs: { x: 90, y: 60, w: 150, h: 48, label: ['20,000 pages', 'split into chunks'], series: 5, size: 14 },
        index: { x: 90, y: 170, w: 150, h: 48, label: ['embeddings', 'vector index'], series: 3, size: 14 },
        question: { x: 330, y: 60, w: 190, h: 48, label: ['question', '“vacation days?”'], series: 4, size: 14 },
        embed: { x: 330, y: 170, w: 150, label: 'embed question', series: 3, size: 14 },
        top: { x: 210, y: 275, w: 200, h: 48, label: ['top-5 chunks', 'by cosine similarity'], series: 0, size: 14 },
        prompt: { x: 210, y: 370, w: 260, h: 48, label: ['prompt: question + chunks', '+ “answer only from these”'], series: 2, size: 14 },
        llm: { x: 210, y: 455, w: 150, label: 'language model', series: 1, size: 14 },
        answer: { x: 395, y: 455, w: 150, label: 'answer + cited page', shape: 'plain', size: 14 },
      };
      return blocks({
        title: 'Retrieval-augmented generation',
        desc: 'Index once: chunk and embed the documents. Per question: embed, retrieve the nearest chunks, put them in the prompt, generate.',
        height: 490,
        boxes,
        arrows: [
          { from: 'docs', to: 'index', label: 'embed each chunk', labelOffset: [72, 4] },
          { from: 'question', to: 'embed' },
          { from: 'index', to: 'top', fromSide: 'bottom', toSide: 'left', via: [[90, 275]] },
          { from: 'embed', to: 'top', fromSide: 'bottom', toSide: 'right', via: [[330, 275]] },
          { from: 'top', to: 'prompt' },
          { from: 'question', to: 'prompt', fromSide: 'right', toSide: 'right', via: [[455, 60], [455, 370]] },
          { from: 'prompt', to: 'llm' },
          { from: 'llm', to: 'answer', toSide: 'left' },
        ],
      });
    },
  },
  {
    slug: 'data-parallelism',
    alt: 'Data parallelism on 8 GPUs with 32 images each (a global batch of 256): every GPU holds a full copy of the model, runs forward and backward passes on its own shard of the batch to get its gradient, an all-reduce leaves every GPU with the mean of the 8 gradients, and each applies the same optimizer step, so the copies stay identical.',
    draw: () => {
      const boxes: Record<string, Box> = {
        batch: { x: 240, y: 35, w: 300, label: 'global batch of 256 images', series: 5, size: 14 },
        reduce: { x: 240, y: 290, w: 340, h: 44, label: 'all-reduce: g = (1/8) Σ gₖ', series: 3, size: 15 },
        step: { x: 240, y: 380, w: 340, h: 44, label: 'same optimizer step on every copy', series: 2, size: 14 },
      };
      const gpus = [1, 2, 3, 8];
      gpus.forEach((g, i) => (boxes[`gpu${g}`] = { x: 60 + i * 120 + (g === 8 ? 0 : 0), y: 165, w: 96, h: 96, label: [`GPU ${g}`, 'full model', '32 images', `→ g${['₁', '₂', '₃', '₈'][i]}`], series: 0, size: 13 }));
      return blocks({
        title: 'Data parallelism with all-reduce',
        desc: 'N = 8 replicas, b = 32 per GPU, B = N·b = 256; g = (1/N) Σ gₖ before each identical step.',
        height: 410,
        boxes,
        arrows: [
          ...gpus.map((g) => ({ from: 'batch', to: `gpu${g}`, fromSide: 'bottom' as const, toSide: 'top' as const })),
          ...gpus.map((g) => ({ from: `gpu${g}`, to: 'reduce', fromSide: 'bottom' as const, toSide: 'top' as const })),
          { from: 'reduce', to: 'step' },
        ],
        over: [`<text x="${60 + 2.5 * 120}" y="170" text-anchor="middle" font-size="22">…</text>`],
      });
    },
  },
];
