import { Chart } from '../chart.js';
import { heatmap } from '../grid.js';
import { softmax } from '../math.js';
import { rect, svgDocument, text } from '../svg.js';
import type { DiagramDefinition } from './types.js';

type Point = [number, number];
const millions = (v: number) => `${(v / 1e6).toFixed(1)} M`;

/** Training at scale, efficiency and generative-model schedules. */
export const trainingSystemsDiagrams: DiagramDefinition[] = [
  {
    slug: 'scaling-laws',
    alt: 'IsoFLOP curves from the Chinchilla parametric fit L(N, D) = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 with D = C/(6N): for compute budgets of 10¹⁹, 10²¹ and 10²³ FLOPs, loss against model size N on a log scale is U-shaped: too small a model lacks the capacity to use its many tokens, too large a model sees too few of them; the marked minima move to larger models, and lower losses, as compute grows.',
    draw: () => {
      const L = (N: number, D: number) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28;
      const chart = new Chart({
        title: 'IsoFLOP curves of the Chinchilla fit',
        desc: 'L(N, C/(6N)) for C = 10¹⁹, 10²¹, 10²³ FLOPs, N from 10⁷ to 10¹² parameters (Hoffmann et al., 2022, approach 3).',
        x: { domain: [1e7, 1e12], label: 'parameters N (log scale)', log: true, ticks: [1e7, 1e8, 1e9, 1e10, 1e11, 1e12] },
        y: { domain: [1.8, 4.5], label: 'loss' },
        legend: 'top-right',
      });
      [1e19, 1e21, 1e23].forEach((C, i) => {
        const pts = Array.from({ length: 241 }, (_, k): Point => {
          const N = 10 ** (7 + (5 * k) / 240);
          return [N, L(N, C / (6 * N))];
        });
        const best = pts.reduce((a, b) => (b[1] < a[1] ? b : a));
        chart.line(pts, { series: i, label: `C = 10${['¹⁹', '²¹', '²³'][i]} FLOPs` }).points([best], { series: i, r: 5 });
      });
      return chart.svg();
    },
  },
  {
    slug: 'diffusion-models',
    alt: 'The DDPM noise schedule over T = 1,000 steps (β rising linearly from 0.0001 to 0.02): the weight √ᾱ_t on the clean image falls from 1 towards 0 while the weight √(1 − ᾱ_t) on the noise rises towards 1; at t = 600, the example step, the image is mostly noise, and by t = 1,000 almost pure noise.',
    draw: () => {
      const abar: number[] = [];
      let prod = 1;
      for (let t = 1; t <= 1000; t++) {
        prod *= 1 - (1e-4 + ((0.02 - 1e-4) * (t - 1)) / 999);
        abar.push(prod);
      }
      const at = (t: number) => abar[Math.max(0, Math.round(t) - 1)]!;
      return new Chart({
        title: 'How much signal survives at step t',
        desc: 'x_t = √ᾱ_t·x₀ + √(1 − ᾱ_t)·ε with the linear β schedule of Ho et al. (2020).',
        x: { domain: [0, 1000], label: 'diffusion step t' },
        y: { domain: [0, 1], label: 'weight' },
        legend: 'below',
      })
        .line(abar.map((a, i): Point => [i + 1, Math.sqrt(a)]), { series: 0, label: 'signal √ᾱ_t' })
        .line(abar.map((a, i): Point => [i + 1, Math.sqrt(1 - a)]), { series: 1, label: 'noise √(1 − ᾱ_t)' })
        .rule('x', 600, `t = 600: √ᾱ = ${Math.sqrt(at(600)).toFixed(2)}`, { anchor: 'end' })
        .svg();
    },
  },
  {
    slug: 'knowledge-distillation',
    alt: 'A teacher’s softmax over the ten digits for an image of a 2, on a log scale, at temperature 1 and at temperature 4: at T = 1 the 2 takes almost all the probability and “3” (10⁻⁶) and “7” (10⁻⁹) are invisible; at T = 4 the same logits give the 3 a few percent and the 7 a fraction of a percent, so the student can learn which wrong answers are close.',
    draw: () => {
      const logits = [-12, -13, 10, 10 - Math.log(1e6), -12.5, -13.5, -12, 10 - Math.log(1e9), -11.5, -12.8];
      const chart = new Chart({
        title: 'Soft targets at T = 1 and T = 4',
        desc: 'σ(z/T) for a teacher’s logits on an image of a 2, chosen so that p(3) ≈ 10⁻⁶ and p(7) ≈ 10⁻⁹ at T = 1.',
        x: { domain: [-0.6, 9.6], label: 'digit', names: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
        y: { domain: [1e-10, 1], label: 'probability (log scale)', log: true, ticks: [1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1] },
        legend: 'top-right',
      });
      [1, 4].forEach((T, i) => chart.bars(softmax(logits, T).map((p, k): Point => [k, Math.max(p, 1e-10)]), { series: i, label: `T = ${T}`, width: 0.38, offset: (i - 0.5) * 0.4, from: 1e-10 }));
      return chart.svg();
    },
  },
  {
    slug: 'stochastic-depth',
    alt: 'Survival probabilities of the 54 residual blocks of a 110-layer ResNet under the linear decay rule p_l = 1 − (l/L)(1 − p_L) with p_L = 0.5: the first block is kept almost always and the last half the time, so on average about 75% of the blocks run in each training pass.',
    draw: () => {
      const L = 54;
      const p = (l: number) => 1 - (l / L) * 0.5;
      const average = Array.from({ length: L }, (_, i) => p(i + 1)).reduce((a, b) => a + b, 0) / L;
      return new Chart({
        title: 'Stochastic depth: survival probability by block',
        desc: `p_l = 1 − (l/L)(1 − p_L), L = 54, p_L = 0.5; mean ${average.toFixed(3)}.`,
        x: { domain: [0, 55], label: 'residual block l', ticks: [1, 10, 20, 30, 40, 54] },
        y: { domain: [0, 1.05], label: 'P(block is kept)', ticks: [0, 0.25, 0.5, 0.75, 1] },
      })
        .bars(Array.from({ length: L }, (_, i): Point => [i + 1, p(i + 1)]), { series: 0, width: 0.75 })
        .rule('y', average, `mean ${Math.round(average * 100)}%`, { anchor: 'end' })
        .svg();
    },
  },
  {
    slug: 'pipeline-parallelism',
    alt: 'A GPipe schedule with p = 4 stages and m = 8 micro-batches, one row per GPU over time: forward passes F1 to F8 flow diagonally down the stages, then backward passes B8 to B1 flow back up; the empty triangles at the start and end are the pipeline bubble, (p − 1)/(m + p − 1) = 3/11 ≈ 27% of the time with equal-length steps.',
    draw: () => {
      const p = 4;
      const m = 8;
      const slots = 2 * (m + p - 1);
      const cell = 20;
      const x0 = 64;
      const y0 = 50;
      const body: string[] = [];
      for (let s = 0; s < p; s++) {
        const y = y0 + s * 46;
        body.push(text(x0 - 8, y + 22, `GPU ${s + 1}`, { anchor: 'end', size: 13 }));
        for (let t = 0; t < slots; t++) body.push(rect(x0 + t * cell, y, cell, 34, 'grid', { fill: 'none', 'stroke-width': 0.8 }));
        for (let k = 0; k < m; k++) {
          const f = s + k;
          const b = m + p - 1 + (p - 1 - s) + k;
          body.push(rect(x0 + f * cell + 1, y + 1, cell - 2, 32, 'f0', { 'fill-opacity': 0.75 }), text(x0 + (f + 0.5) * cell, y + 22, `${k + 1}`, { size: 12 }));
          body.push(rect(x0 + b * cell + 1, y + 1, cell - 2, 32, 'f1', { 'fill-opacity': 0.75 }), text(x0 + (b + 0.5) * cell, y + 22, `${m - k}`, { size: 12 }));
        }
      }
      const bubble = (p - 1) / (m + p - 1);
      body.push(text(x0, 30, 'forward', { anchor: 'start', size: 14, cls: 'f0' }), text(x0 + (m + p - 1) * cell, 30, 'backward', { anchor: 'start', size: 14, cls: 'f1' }));
      body.push(text(x0 + (slots * cell) / 2, y0 + p * 46 + 22, `time →   bubble (p − 1)/(m + p − 1) = ${p - 1}/${m + p - 1} ≈ ${Math.round(bubble * 100)}%`, { size: 14 }));
      return svgDocument({ title: 'GPipe schedule, 4 stages, 8 micro-batches', desc: 'Numbers are micro-batches; forward (blue) then backward (orange) steps of equal length; empty cells are idle time.', width: 520, height: y0 + p * 46 + 40, body });
    },
  },
  {
    slug: 'mixed-precision-training',
    alt: 'The bit layouts of three floating-point formats: fp32 has 1 sign, 8 exponent and 23 mantissa bits; fp16 has 1 sign, 5 exponent and 10 mantissa bits, so its range ends at 65,504 and tiny gradients underflow without loss scaling; bf16 keeps fp32’s 8 exponent bits and range with only 7 mantissa bits of precision.',
    draw: () => {
      const formats: [string, number, number, string][] = [
        ['fp32', 8, 23, 'max ≈ 3.4 × 10³⁸'],
        ['fp16', 5, 10, 'max 65,504'],
        ['bf16', 8, 7, 'max ≈ 3.4 × 10³⁸'],
      ];
      const bit = 12;
      const x0 = 62;
      const body: string[] = [];
      formats.forEach(([name, e, mant, range], i) => {
        const y = 40 + i * 86;
        body.push(text(x0 - 8, y + 20, name, { anchor: 'end', size: 15, weight: 'bold' }));
        const parts: [number, number, string][] = [[1, 1, 'sign'], [e, 0, `exponent ${e}`], [mant, 2, `mantissa ${mant}`]];
        let x = x0;
        for (const [n, series, label] of parts) {
          for (let k = 0; k < n; k++) body.push(rect(x + k * bit, y, bit, 30, `box f${series}`, { 'fill-opacity': 0.35, 'stroke-width': 0.6 }));
          if (n > 1) body.push(text(x + (n * bit) / 2, y + 48, label, { size: 13 }));
          x += n * bit;
        }
        body.push(text(x0 + 32 * bit, y + 66, range, { anchor: 'end', size: 13, cls: 'mu' }));
      });
      return svgDocument({ title: 'fp32, fp16 and bf16', desc: 'Sign, exponent and mantissa bits of each format; the exponent bits set the range, the mantissa bits the precision.', width: 480, height: 300, body });
    },
  },
  {
    slug: 'depthwise-separable-convolutions',
    alt: 'Multiply–adds of a 3×3 convolution from 256 to 256 channels on a 14×14 map: about 115.6 million for a standard convolution against about 13.3 million for the depthwise separable version, 0.45 million for the depthwise step plus 12.8 million for the 1×1 pointwise step, roughly 8.7 times cheaper.',
    draw: () => {
      const standard = 9 * 256 * 256 * 196;
      const depthwise = 9 * 256 * 196;
      const pointwise = 256 * 256 * 196;
      return new Chart({
        title: 'Cost of a standard and a separable convolution',
        desc: `D_K = 3, M = N = 256, D_F = 14: standard ${millions(standard)}, separable ${millions(depthwise + pointwise)} multiply–adds (ratio ${((depthwise + pointwise) / standard).toFixed(3)}).`,
        x: { domain: [-0.6, 1.6], label: 'convolution', names: ['standard 3×3', 'depthwise + 1×1'] },
        y: { domain: [0, 130e6], label: 'multiply–adds (millions)', ticks: [0, 25e6, 50e6, 75e6, 100e6, 125e6], format: (v) => String(v / 1e6) },
        legend: 'top-right',
      })
        .bars([[0, standard]], { series: 1, width: 0.5, label: 'standard', values: millions })
        .bars([[1, pointwise]], { series: 0, width: 0.5, label: 'pointwise 1×1' })
        .bars([[1, pointwise + depthwise]], { series: 2, width: 0.5, from: pointwise, label: 'depthwise 3×3', values: () => millions(depthwise + pointwise) })
        .svg();
    },
  },
  {
    slug: 'convolutional-neural-networks',
    alt: 'Weights needed to map a 56 × 56 × 64 feature map to a 56 × 56 × 128 one, on a log scale: a 3 × 3 convolution needs 73,856 parameters whatever the image size, while a fully connected layer between the same two maps would need about 8 × 10¹⁰ weights, a million times more.',
    draw: () => {
      const conv = 3 * 3 * 64 * 128 + 128;
      const dense = 56 * 56 * 64 * (56 * 56 * 128);
      return new Chart({
        title: 'Weight sharing: convolution against a dense layer',
        desc: `3·3·64·128 + 128 = ${conv.toLocaleString('en-US')} parameters against (56·56·64)·(56·56·128) ≈ ${(dense / 1e10).toFixed(1)} × 10¹⁰.`,
        x: { domain: [-0.6, 1.6], label: 'layer', names: ['3×3 convolution', 'fully connected'] },
        y: { domain: [1e3, 1e12], label: 'parameters (log scale)', log: true, ticks: [1e3, 1e6, 1e9, 1e12] },
      })
        .bars([[0, conv], [1, dense]], { series: 0, width: 0.5, from: 1e3, values: (v) => (v < 1e6 ? v.toLocaleString('en-US') : `${(v / 1e10).toFixed(1)} × 10¹⁰`) })
        .svg();
    },
  },
  {
    slug: 'markov-decision-processes',
    alt: 'Optimal values of the 4 × 4 gridworld with terminal cells in two opposite corners, a reward of −1 per move and γ = 1, found by value iteration: each cell’s value is minus the number of steps to the nearest terminal corner (0 at the corners, down to −3 in the two other corners), and the arrows show the greedy policy moving towards the nearest terminal.',
    draw: () => {
      const n = 4;
      const terminal = (i: number, j: number) => (i === 0 && j === 0) || (i === n - 1 && j === n - 1);
      const moves: [number, number, string][] = [[-1, 0, '↑'], [1, 0, '↓'], [0, -1, '←'], [0, 1, '→']];
      let v = Array.from({ length: n }, () => new Array<number>(n).fill(0));
      for (let sweep = 0; sweep < 50; sweep++) {
        v = v.map((row, i) =>
          row.map((_, j) => (terminal(i, j) ? 0 : Math.max(...moves.map(([di, dj]) => -1 + v[Math.min(n - 1, Math.max(0, i + di))]![Math.min(n - 1, Math.max(0, j + dj))]!)))),
        );
      }
      v.forEach((row, i) => row.forEach((value, j) => {
        const steps = Math.min(i + j, 2 * (n - 1) - i - j);
        if (value !== -steps) throw new Error(`gridworld diagram: v(${i},${j}) = ${value}, expected −${steps}`);
      }));
      const policy = (i: number, j: number) =>
        terminal(i, j)
          ? 'end'
          : moves
              .filter(([di, dj]) => {
                const [a, b] = [Math.min(n - 1, Math.max(0, i + di)), Math.min(n - 1, Math.max(0, j + dj))];
                return (a !== i || b !== j) && v[a]![b]! === v[i]![j]! + 1;
              })
              .map(([, , arrow]) => arrow)
              .join('');
      return heatmap({
        title: 'Gridworld values and the greedy policy',
        desc: 'v*(s) after value iteration with reward −1 per move and γ = 1; terminals at the top-left and bottom-right corners.',
        values: v,
        domain: [-4, 0.5],
        cellText: (value, i, j) => `${value === 0 ? '0' : `−${-value}`} ${policy(i, j)}`,
        cell: 90,
        width: 400,
      });
    },
  },
];
