import { blocks, type Box } from '../blocks.js';
import { Chart } from '../chart.js';
import { heatmap, matrixAt } from '../grid.js';
import { betaPdf, softmax } from '../math.js';
import { normal, rng } from '../random.js';
import { line, rect, svgDocument, text } from '../svg.js';
import type { DiagramDefinition } from './types.js';

type Point = [number, number];
/** A number to `digits` decimals with a proper minus sign and no "−0.0". */
const fixed = (v: number, digits: number) => {
  const t = v.toFixed(digits);
  return Number(t) === 0 ? (0).toFixed(digits) : t.replace('-', '−');
};
const two = (v: number) => fixed(v, 2);

/** Causal self-attention of a toy sentence: softmax(QKᵀ/√d) row by row, later tokens masked. */
const tokens = ['the', 'cat', 'sat', 'on', 'the', 'mat'];
const keys = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]];
const queries = [[2, 0, 0, 0], [3, 0, 0, 0], [0, 4, 0, 0], [0, 0, 4, 0], [0, 0, 0, 3], [3, 0, 0, 3]];
const attention = queries.map((q, i) => {
  const scores = keys.slice(0, i + 1).map((k) => k.reduce((s, v, d) => s + v * q[d]!, 0) / Math.sqrt(4));
  return [...softmax(scores), ...new Array<number>(tokens.length - i - 1).fill(0)];
});

/** BPE merges on Sennrich et al.'s toy corpus, without the end-of-word marker; ties go to the pair seen first. */
function bpe(corpus: [string, number][], merges: number): { pair: [string, string]; count: number }[] {
  let words = corpus.map(([w, n]) => ({ symbols: [...w], n }));
  const done: { pair: [string, string]; count: number }[] = [];
  for (let m = 0; m < merges; m++) {
    const counts = new Map<string, number>();
    for (const { symbols, n } of words) for (let i = 0; i + 1 < symbols.length; i++) counts.set(`${symbols[i]} ${symbols[i + 1]}`, (counts.get(`${symbols[i]} ${symbols[i + 1]}`) ?? 0) + n);
    let best = '';
    for (const [pair, n] of counts) if (!best || n > counts.get(best)!) best = pair;
    const [a, b] = best.split(' ') as [string, string];
    done.push({ pair: [a, b], count: counts.get(best)! });
    words = words.map(({ symbols, n }) => {
      const out: string[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (symbols[i] === a && symbols[i + 1] === b) out.push(a + b), i++;
        else out.push(symbols[i]!);
      }
      return { symbols: out, n };
    });
  }
  return done;
}

function segment(word: string, merges: { pair: [string, string] }[]): string[] {
  let symbols = [...word];
  for (const { pair } of merges) {
    const out: string[] = [];
    for (let i = 0; i < symbols.length; i++) {
      if (symbols[i] === pair[0] && symbols[i + 1] === pair[1]) out.push(pair[0] + pair[1]), i++;
      else out.push(symbols[i]!);
    }
    symbols = out;
  }
  return symbols;
}

/** Token boxes in a row, starting at x; returns the elements. */
function tokenRow(symbols: string[], x: number, y: number, series: number): string[] {
  const out: string[] = [];
  let at = x;
  for (const s of symbols) {
    const w = 16 + s.length * 10;
    out.push(rect(at, y - 14, w, 28, `box f${series}`, { rx: 5, 'fill-opacity': 0.25, 'stroke-width': 1.2 }), text(at + w / 2, y, s, { size: 15, baseline: 'middle' }));
    at += w + 4;
  }
  return out;
}

export const deepLearningDiagrams: DiagramDefinition[] = [
  {
    slug: 'attention-mechanism',
    alt: `Causal self-attention weights for the toy sentence “the cat sat on the mat”, one row per query token and one column per key it may look at (later tokens are masked): each row sums to 1; “sat” puts ${Math.round(attention[2]![1]! * 100)}% of its weight on “cat”, “on” puts ${Math.round(attention[3]![2]! * 100)}% on “sat”, and “mat” spreads its weight over both “the”s and “on”.`,
    draw: () =>
      heatmap({
        title: 'Attention weights, softmax(QKᵀ/√d)',
        desc: 'Row-wise softmax of query–key dot products over √4 for hand-set 4-dimensional toy vectors, with a causal mask.',
        values: attention,
        rows: tokens,
        cols: tokens,
        xLabel: 'key (attended to)',
        yLabel: 'query',
        domain: [0, 1],
        cellText: (v) => (v >= 0.005 ? v.toFixed(2) : ''),
        blank: (i, j) => j > i,
        scaleLabel: 'weight',
        width: 440,
      }),
  },
  {
    slug: 'sliding-window-attention',
    alt: 'The attention mask of sliding-window attention with window W = 4 over 12 tokens: token i may attend only to itself and the three tokens before it, a diagonal band instead of the full lower triangle of causal attention; stacking layers widens the reach by about W per layer.',
    draw: () =>
      heatmap({
        title: 'Sliding-window attention mask, W = 4',
        desc: 'Token i attends to j with max(0, i − W + 1) ≤ j ≤ i; filled cells are allowed, dashed ones masked.',
        values: Array.from({ length: 12 }, (_, i) => Array.from({ length: 12 }, (_, j) => (j <= i && j >= i - 3 ? 1 : 0))),
        rows: Array.from({ length: 12 }, (_, i) => String(i + 1)),
        cols: Array.from({ length: 12 }, (_, i) => String(i + 1)),
        xLabel: 'key position j',
        yLabel: 'query position i',
        domain: [0, 1.6],
        blank: (i, j) => !(j <= i && j >= i - 3),
        width: 440,
      }),
  },
  {
    slug: 'attention-sinks',
    alt: 'The attention pattern of StreamingLLM over 16 positions: every token attends to the first four tokens, kept as attention sinks, plus a rolling window of the most recent tokens (here 6); everything in between has been evicted from the KV cache.',
    draw: () => {
      const allowed = (i: number, j: number) => j <= i && (j < 4 || j > i - 6);
      return heatmap({
        title: 'Attention sinks plus a rolling window',
        desc: 'StreamingLLM: the KV entries of the first 4 tokens stay; the rest is a window of the 6 most recent tokens. Filled cells are attended to.',
        values: Array.from({ length: 16 }, (_, i) => Array.from({ length: 16 }, (_, j) => (j < 4 ? 1.2 : 0.6))),
        rows: Array.from({ length: 16 }, (_, i) => (i % 3 === 0 ? String(i + 1) : '')),
        cols: Array.from({ length: 16 }, (_, j) => (j < 4 ? 'S' : j % 3 === 0 ? String(j + 1) : '')),
        xLabel: 'key position (S = sink token)',
        yLabel: 'query position',
        domain: [0, 1.6],
        blank: (i, j) => !allowed(i, j),
        width: 440,
      });
    },
  },
  {
    slug: 'positional-encoding',
    alt: 'Sinusoidal positional encoding with d = 64: the sine components of dimension pairs i = 0, 4, 8 and 16 plotted against position 0 to 100. Pair 0 oscillates with a wavelength of 2π ≈ 6.3 positions and each later pair more slowly (about 20, 63 and 628 positions), the wavelengths growing geometrically across the dimensions, so together they give every position a distinct code.',
    draw: () => {
      const d = 64;
      const chart = new Chart({
        title: 'Sinusoidal positional encoding, d = 64',
        desc: 'PE(pos, 2i) = sin(pos / 10000^(2i/d)) for i = 0, 4, 8, 16; wavelength 2π·10000^(2i/d).',
        x: { domain: [0, 100], label: 'position' },
        y: { domain: [-1.1, 1.1], label: 'PE(pos, 2i)', ticks: [-1, 0, 1] },
        legend: 'below',
      });
      [0, 4, 8, 16].forEach((i, k) => {
        const wavelength = 2 * Math.PI * 10000 ** ((2 * i) / d);
        chart.fn((pos) => Math.sin(pos / 10000 ** ((2 * i) / d)), { series: k, label: `i = ${i}, wavelength ${wavelength < 100 ? wavelength.toFixed(1) : Math.round(wavelength)}`, width: 2 }, [0, 100], 400);
      });
      return chart.svg();
    },
  },
  {
    slug: 'layer-normalization',
    alt: 'Layer normalisation of the token vector (1, 2, 3, 6): its own mean is 3 and variance 3.5, so it becomes about (−1.07, −0.53, 0, 1.60), with mean 0 and variance 1, before the learned gain and bias. Each token of a batch gets its own statistics, over its own features.',
    draw: () => {
      const x = [1, 2, 3, 6];
      const mu = x.reduce((a, b) => a + b, 0) / 4;
      const variance = x.reduce((a, b) => a + (b - mu) ** 2, 0) / 4;
      const y = x.map((v) => (v - mu) / Math.sqrt(variance));
      const body = [
        ...matrixAt({ values: [x], x: 120, y: 60, cell: 70, domain: [-2, 7], cellText: (v) => String(v), caption: 'token vector x (d = 4)' }),
        ...matrixAt({ values: [y], x: 120, y: 240, cell: 70, domain: [-2, 2], cellText: two, caption: '(x − μ) / √σ²' }),
        line(260, 140, 260, 205, 'ln', { 'stroke-width': 1.6, 'marker-end': 'url(#arrow)' }),
        text(272, 178, `μ = ${mu}, σ² = ${variance}`, { anchor: 'start', size: 15 }),
        text(240, 342, 'statistics over the features of one token', { size: 14, cls: 'mu' }),
      ];
      return svgDocument({ title: 'Layer normalisation of one token', desc: 'x = (1, 2, 3, 6), μ = 3, σ² = 3.5, normalised ≈ (−1.07, −0.53, 0, 1.60).', width: 480, height: 362, defs: ['<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="fg"/></marker>'], body });
    },
  },
  {
    slug: 'batch-normalization',
    alt: 'Which values share statistics in batch normalisation: a batch of 8 examples by 6 channels drawn as a grid, with one channel’s column outlined. Batch norm computes a mean and variance per channel over the examples of the batch (and over spatial positions in a convolutional layer), so each example’s output depends on the others in its batch during training.',
    draw: () => {
      const z = normal(rng(43));
      const values = Array.from({ length: 8 }, () => Array.from({ length: 6 }, (_, c) => 0.5 * c + z()));
      return heatmap({
        title: 'Batch normalisation: statistics per channel, over the batch',
        desc: 'Activations of 8 examples × 6 channels; the outlined column is normalised with its own mean μ_B and variance σ²_B.',
        values,
        rows: values.map((_, i) => `example ${i + 1}`),
        cols: values[0]!.map((_, c) => `c${c + 1}`),
        xLabel: 'channel',
        domain: [-2.5, 5],
        cellText: (v) => fixed(v, 1),
        outline: values.map((_, i): [number, number] => [i, 2]),
        width: 440,
      });
    },
  },
  {
    slug: 'dropout',
    alt: 'Dropout with p = 0.5 on a hidden layer of four units with activations 2, 4, 6 and 8: the sampled mask (1, 0, 0, 1) drops the middle two units, drawn dashed with their connections removed, and the two kept units pass on their values doubled, 4 and 16, so the expected activation is unchanged.',
    draw: () => {
      const boxes: Record<string, Box> = {};
      const hidden = [2, 4, 6, 8];
      const kept = [true, false, false, true];
      for (let i = 0; i < 3; i++) boxes[`in${i}`] = { x: 70, y: 110 + i * 90, w: 44, label: `x${i + 1}`, shape: 'circle', series: 5 };
      hidden.forEach((h, i) => (boxes[`h${i}`] = { x: 240, y: 65 + i * 90, w: 50, label: kept[i] ? String(h) : '✕', shape: 'circle', series: kept[i] ? 0 : undefined, dashed: !kept[i] }));
      boxes.out = { x: 410, y: 200, w: 44, label: 'y', shape: 'circle', series: 2 };
      const arrows = [
        ...[0, 1, 2].flatMap((i) => hidden.flatMap((_, j) => (kept[j] ? [{ from: `in${i}`, to: `h${j}`, fromSide: 'right' as const, toSide: 'left' as const, plain: true }] : []))),
        ...hidden.flatMap((_, j) => (kept[j] ? [{ from: `h${j}`, to: 'out', fromSide: 'right' as const, toSide: 'left' as const, label: j === 0 ? '× 2 = 4' : '× 2 = 16', labelOffset: [0, j === 0 ? -8 : 18] as [number, number] }] : [])),
      ];
      return blocks({
        title: 'Dropout, p = 0.5, one training pass',
        desc: 'Activations (2, 4, 6, 8), mask (1, 0, 0, 1), output (4, 0, 0, 16): kept units are scaled by 1/(1 − p) = 2.',
        height: 400,
        boxes,
        arrows,
        over: [text(240, 390, 'mask m = (1, 0, 0, 1); at test time every unit is used, unscaled', { size: 13, cls: 'mu' })],
      });
    },
  },
  {
    slug: 'pooling',
    alt: 'A 2 × 2 max pool with stride 2 on the 4 × 4 map with rows (1, 3, 2, 0), (4, 2, 1, 1), (0, 1, 5, 6), (2, 2, 7, 8): each 2 × 2 block keeps its largest value (outlined), giving the 2 × 2 map with rows (4, 2) and (2, 8).',
    draw: () => {
      const x = [
        [1, 3, 2, 0],
        [4, 2, 1, 1],
        [0, 1, 5, 6],
        [2, 2, 7, 8],
      ];
      const pooled = [0, 1].map((i) => [0, 1].map((j) => Math.max(x[2 * i]![2 * j]!, x[2 * i]![2 * j + 1]!, x[2 * i + 1]![2 * j]!, x[2 * i + 1]![2 * j + 1]!)));
      const winners: [number, number][] = [];
      [0, 1].forEach((i) => [0, 1].forEach((j) => {
        for (const [u, v] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) if (x[2 * i + u]![2 * j + v] === pooled[i]![j] && !winners.some(([a, b]) => Math.floor(a / 2) === i && Math.floor(b / 2) === j)) winners.push([2 * i + u, 2 * j + v]);
      }));
      const body = [
        ...matrixAt({ values: x, x: 30, y: 60, cell: 52, domain: [0, 10], cellText: String, outline: winners, caption: 'input 4 × 4' }),
        line(30 + 104, 60, 30 + 104, 268, 'ln', { 'stroke-width': 3 }),
        line(30, 164, 238, 164, 'ln', { 'stroke-width': 3 }),
        line(255, 164, 315, 164, 'ln', { 'stroke-width': 1.6, 'marker-end': 'url(#arrow)' }),
        text(285, 150, 'max', { size: 14 }),
        ...matrixAt({ values: pooled, x: 330, y: 112, cell: 52, domain: [0, 10], cellText: String, caption: 'output 2 × 2' }),
      ];
      return svgDocument({ title: '2 × 2 max pooling, stride 2', desc: 'Each 2 × 2 block of the input is replaced by its maximum.', width: 480, height: 290, defs: ['<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="fg"/></marker>'], body });
    },
  },
  {
    slug: 'receptive-field',
    alt: 'How the receptive field grows through three stacked 3-wide convolutions with stride 1, drawn in one dimension: one output unit at the top sees 3 units of the layer below, 5 of the layer below that, and 7 input pixels, the same as a single 7-wide convolution: r = 1 + 2 + 2 + 2 = 7.',
    draw: () => {
      const n = 11;
      const cell = 32;
      const x0 = 72;
      const body: string[] = [];
      const rows = ['input', 'conv 1', 'conv 2', 'conv 3'];
      rows.forEach((name, layer) => {
        const y = 300 - layer * 80;
        const half = 3 - layer;
        for (let i = 0; i < n; i++) {
          const inField = Math.abs(i - 5) <= half;
          body.push(rect(x0 + i * cell + 3, y, cell - 6, 30, inField ? 'box f0' : 'box', { rx: 4, 'fill-opacity': inField ? 0.45 : undefined, 'stroke-width': 1 }));
        }
        body.push(text(x0 - 8, y + 20, name, { anchor: 'end', size: 13 }));
        body.push(text(x0 + n * cell + 8, y + 20, `${2 * half + 1}`, { anchor: 'start', size: 14, weight: 'bold' }));
        if (layer > 0) {
          for (const i of [5 - half, 5 + half]) {
            body.push(line(x0 + (i + 0.5) * cell, y + 30, x0 + (i - 0.5) * cell, y + 80, 'ln', { 'stroke-width': 1 }));
            body.push(line(x0 + (i + 0.5) * cell, y + 30, x0 + (i + 1.5) * cell, y + 80, 'ln', { 'stroke-width': 1 }));
          }
        }
      });
      body.push(text(240, 356, 'receptive field r = 1 + 2 + 2 + 2 = 7 (kernel 3, stride 1)', { size: 14 }));
      return svgDocument({ title: 'Receptive field of three 3-wide convolutions', desc: 'Highlighted units feed the one unit at the top; the numbers on the right count them per layer.', width: 480, height: 372, body });
    },
  },
  {
    slug: 'tokenization-bpe',
    alt: 'The first four byte-pair-encoding merges learned from the toy corpus low ×5, lower ×2, newest ×6, widest ×3: e + s (9 occurrences), es + t (9), l + o (7) and lo + w (7). After them “newest” is split n · e · w · est, and the unseen word “lowest” becomes low · est.',
    draw: () => {
      const merges = bpe([['low', 5], ['lower', 2], ['newest', 6], ['widest', 3]], 4);
      const expected = ['e+s 9', 'es+t 9', 'l+o 7', 'lo+w 7'];
      const got = merges.map((m) => `${m.pair[0]}+${m.pair[1]} ${m.count}`);
      if (got.join() !== expected.join()) throw new Error(`bpe diagram: merges ${got.join(', ')}, the card says ${expected.join(', ')}`);
      const body: string[] = [text(24, 34, 'corpus: low ×5, lower ×2, newest ×6, widest ×3', { anchor: 'start', size: 14, cls: 'mu' })];
      body.push(text(24, 70, 'start', { anchor: 'start', size: 14 }), ...tokenRow(segment('newest', []), 150, 66, 5));
      merges.forEach((m, k) => {
        const y = 110 + k * 42;
        body.push(text(24, y + 4, `${k + 1}. ${m.pair[0]} + ${m.pair[1]} (${m.count})`, { anchor: 'start', size: 14 }));
        body.push(...tokenRow(segment('newest', merges.slice(0, k + 1)), 150, y, k < 2 ? 0 : 5));
      });
      body.push(line(24, 290, 456, 290, 'grid'));
      body.push(text(24, 324, 'unseen word', { anchor: 'start', size: 14 }), ...tokenRow(segment('lowest', merges), 150, 320, 2));
      return svgDocument({ title: 'Byte-pair encoding, first four merges', desc: 'Merges learned on the toy corpus, and how they split “newest” after each merge and the unseen “lowest” after all four.', width: 480, height: 350, body });
    },
  },
  {
    slug: 'quantization',
    alt: 'Symmetric int8 quantisation with scale s = 0.5/127 ≈ 0.003937, zoomed to weights between 0.11 and 0.135: the reconstructed value s·round(x/s) is a staircase with steps of s, within s/2 of the identity line everywhere; the weight 0.123 is stored as 31 and read back as about 0.1220.',
    draw: () => {
      const s = 0.5 / 127;
      const q = (x: number) => s * Math.round(x / s);
      return new Chart({
        title: 'int8 rounding, zoomed in',
        desc: 'x̂ = s·round(x/s) with s = max|x|/127 = 0.5/127, for x from 0.11 to 0.135.',
        x: { domain: [0.11, 0.135], label: 'weight x', ticks: [0.11, 0.115, 0.12, 0.125, 0.13, 0.135] },
        y: { domain: [0.108, 0.137], label: 'stored and read back x̂', ticks: [0.11, 0.12, 0.13] },
        legend: 'top-left',
      })
        .fn((x) => x, { series: 5, label: 'x̂ = x', width: 1.5 }, [0.11, 0.135], 2)
        .fn(q, { series: 0, label: 'int8: s·round(x/s)', dash: false }, [0.11, 0.135], 800)
        .points([[0.123, q(0.123)]], { series: 1, r: 5 })
        .label(0.123, q(0.123), `0.123 → 31 → ${q(0.123).toFixed(4)}`, { anchor: 'start', dx: 10, dy: 18 })
        .svg();
    },
  },
  {
    slug: 'mixup',
    alt: 'Densities of Beta(α, α), the distribution mixup draws its mixing weight λ from, for α = 0.2, 0.4 and 1: small α puts most mass near 0 and 1, so most mixed examples stay close to one of the two originals; α = 1 is uniform, mixing evenly as often as not.',
    draw: () => {
      const chart = new Chart({
        title: 'How mixup draws λ',
        desc: 'Beta(α, α) densities for α = 0.2, 0.4, 1 on λ in (0, 1).',
        x: { domain: [0, 1], label: 'mixing weight λ' },
        y: { domain: [0, 4], label: 'density' },
        legend: 'top-right',
      });
      [0.2, 0.4, 1].forEach((a, i) => chart.fn((l) => betaPdf(l, a, a), { series: i, label: `α = ${a}` }, [0.002, 0.998], 300));
      return chart.svg();
    },
  },
  {
    slug: 'decoding-temperature-top-p',
    alt: 'Next-token probabilities from the same six logits at temperatures 0.5, 1 and 2: low temperature sharpens the distribution towards the top token, high temperature flattens it. With top-p = 0.9 at T = 1, only the tokens needed to reach 90% of the mass are kept.',
    draw: () => {
      const logits = [3, 2, 1.5, 0.5, 0, -1];
      const chart = new Chart({
        title: 'Temperature reshapes the next-token distribution',
        desc: `pᵢ = softmax(zᵢ/T) for logits ${logits.join(', ')} at T = 0.5, 1, 2.`,
        x: { domain: [-0.6, 5.6], label: 'candidate token', names: ['t1', 't2', 't3', 't4', 't5', 't6'] },
        y: { domain: [0, 0.9], label: 'probability' },
        legend: 'below',
      });
      [0.5, 1, 2].forEach((T, i) => chart.bars(softmax(logits, T).map((p, k): Point => [k, p]), { series: i, label: `T = ${T}`, width: 0.26, offset: (i - 1) * 0.28 }));
      const p1 = softmax(logits, 1);
      let mass = 0;
      let keep = 0;
      while (mass < 0.9) mass += p1[keep++]!;
      return chart.rule('x', keep - 0.5, `top-p 0.9 at T = 1 keeps ${keep}`, { anchor: 'start' }).svg();
    },
  },
  {
    slug: 'label-smoothing',
    alt: 'Training targets for a 5-class example of class 3: the one-hot target puts probability 1 on the true class; label smoothing with ε = 0.1 gives the true class 0.92 and every other class 0.02.',
    draw: () => {
      const K = 5;
      const eps = 0.1;
      return new Chart({
        title: 'One-hot and smoothed targets, ε = 0.1, K = 5',
        desc: "q'ₖ = (1 − ε)·1[k = y] + ε/K with y = class 3.",
        x: { domain: [-0.6, 4.6], label: 'class', names: ['1', '2', '3', '4', '5'] },
        y: { domain: [0, 1.15], label: 'target probability', ticks: [0, 0.25, 0.5, 0.75, 1] },
        legend: 'top-right',
      })
        .bars(Array.from({ length: K }, (_, k): Point => [k, k === 2 ? 1 : 0]), { series: 1, label: 'one-hot', width: 0.36, offset: -0.19 })
        .bars(Array.from({ length: K }, (_, k): Point => [k, (k === 2 ? 1 - eps : 0) + eps / K]), { series: 0, label: 'smoothed', width: 0.36, offset: 0.19, values: (v) => v.toFixed(2) })
        .svg();
    },
  },
  {
    slug: 'universal-approximation',
    alt: 'Approximating f(x) = x² on [0, 1] with a ReLU network of ten hidden units whose kinks sit at 0, 0.1, …, 0.9: the network computes the piecewise-linear interpolant through 11 points, which lies just above the parabola; its largest error, 0.0025, is drawn magnified below.',
    draw: () => {
      const knots = Array.from({ length: 11 }, (_, i) => i / 10);
      // Sum of ReLUs: slope changes by 2·0.1 = 0.2 at each interior kink, starting with slope 0.1.
      const net = (x: number) => 0.1 * Math.max(0, x) + knots.slice(1, 10).reduce((s, k) => s + 0.2 * Math.max(0, x - k), 0);
      const maxError = Math.max(...Array.from({ length: 1001 }, (_, i) => net(i / 1000) - (i / 1000) ** 2));
      if (Math.abs(maxError - 0.0025) > 1e-6) throw new Error(`universal-approximation diagram: max error ${maxError}, the card says 0.0025`);
      return new Chart({
        title: 'Ten ReLU units approximating x²',
        desc: 'ŷ(x) = 0.1·ReLU(x) + Σₖ 0.2·ReLU(x − k/10), k = 1 … 9; the error ŷ − x² is at most 0.0025 (shown ×100).',
        x: { domain: [0, 1], label: 'x' },
        y: { domain: [0, 1], label: 'value' },
        legend: 'top-left',
      })
        .fn((x) => x * x, { series: 5, label: 'f(x) = x²', width: 2 })
        .fn(net, { series: 0, label: 'ReLU network, 10 units', dash: false }, [0, 1], 400)
        .fn((x) => 100 * (net(x) - x * x), { series: 1, label: 'error × 100' }, [0, 1], 400)
        .points(knots.map((k): Point => [k, k * k]), { series: 0, r: 3.5 })
        .svg();
    },
  },
];
