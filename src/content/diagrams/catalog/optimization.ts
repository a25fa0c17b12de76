import { Chart } from '../chart.js';
import { normal, rng } from '../random.js';
import type { DiagramDefinition } from './types.js';

type Point = [number, number];

/** Gradient descent with heavy-ball momentum β (β = 0: plain) on f(x, y) = (a·x² + b·y²)/2. */
function descend(start: Point, a: number, b: number, lr: number, steps: number, beta = 0, noise?: () => number): Point[] {
  const path: Point[] = [start];
  let [x, y] = start;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < steps; i++) {
    const gx = a * x + (noise ? noise() : 0);
    const gy = b * y + (noise ? noise() : 0);
    vx = beta * vx + gx;
    vy = beta * vy + gy;
    x -= lr * vx;
    y -= lr * vy;
    path.push([x, y]);
  }
  return path;
}

/** Level sets of (a·x² + b·y²)/2 at the given values. */
function contours(chart: Chart, a: number, b: number, levels: number[]): Chart {
  for (const c of levels) chart.ellipse(0, 0, Math.sqrt((2 * c) / a), Math.sqrt((2 * c) / b));
  return chart;
}

/** Schedules, optimizer paths and gradient sizes. */
export const optimizationDiagrams: DiagramDefinition[] = [
  {
    slug: 'learning-rate-warmup',
    alt: 'Two warm-up schedules over 20,000 steps. Linear warm-up to a peak rate over the first 2,000 steps, then constant. The original Transformer schedule rises linearly for 4,000 steps to its peak of about 0.0007 (d_model = 512) and then decays with the inverse square root of the step.',
    draw: () => {
      const transformer = (s: number) => 512 ** -0.5 * Math.min(s ** -0.5, s * 4000 ** -1.5);
      return new Chart({
        title: 'Learning-rate warm-up',
        desc: 'η = η_max·min(1, t/2000) with η_max = 0.0007, and the Transformer schedule d_model^−0.5·min(step^−0.5, step·4000^−1.5) with d_model = 512.',
        x: { domain: [0, 20000], label: 'training step', format: (v) => (v === 0 ? '0' : `${v / 1000}k`) },
        y: { domain: [0, 8], label: 'learning rate (×10⁻⁴)' },
        legend: 'top-right',
      })
        .fn((t) => 7 * Math.min(1, t / 2000), { series: 0, label: 'linear warm-up, 2k steps' }, [0, 20000], 400)
        .fn((t) => 1e4 * transformer(t), { series: 1, label: 'Transformer, 4k warm-up' }, [1, 20000], 400)
        .svg();
    },
  },
  {
    slug: 'cosine-annealing',
    alt: 'Cosine annealing of the learning rate from 0.1 to 0.001: one cosine decay over 150 epochs, and SGDR warm restarts with a first period of 10 epochs that doubles after each restart (restarts at epochs 10, 30 and 70).',
    draw: () => {
      const cosine = (t: number, T: number) => 0.001 + 0.5 * (0.1 - 0.001) * (1 + Math.cos((Math.PI * t) / T));
      const sgdr = (t: number) => {
        let start = 0;
        let period = 10;
        while (t >= start + period) {
          start += period;
          period *= 2;
        }
        return cosine(t - start, period);
      };
      return new Chart({
        title: 'Cosine annealing and warm restarts',
        desc: 'η_t = η_min + ½(η_max − η_min)(1 + cos(πt/T)) with η_max = 0.1, η_min = 0.001: once over 150 epochs, and with restarts (T₀ = 10, T_mult = 2).',
        x: { domain: [0, 150], label: 'epoch' },
        y: { domain: [0, 0.11], label: 'learning rate', ticks: [0, 0.05, 0.1] },
        legend: 'below',
      })
        .fn((t) => cosine(t, 150), { series: 0, label: 'one decay, T = 150' }, [0, 150], 300)
        .fn(sgdr, { series: 1, label: 'SGDR restarts, T₀ = 10, ×2' }, [0, 149.99], 900)
        .svg();
    },
  },
  {
    slug: 'learning-rate',
    alt: 'Loss against step of gradient descent on a quadratic whose Hessian has eigenvalues 100 and 1, on a log scale, for three learning rates: at 0.005 the steep direction settles at once but the shallow one shrinks only 0.5% per step, so the loss then falls slowly; at 0.019 it keeps falling faster, still limited by the shallow direction; at 0.021, above the stability limit 2/100 = 0.02, the steep direction oscillates with growing amplitude and the loss rises.',
    draw: () => {
      const loss = (lr: number): Point[] =>
        descend([1, 1], 100, 1, lr, 150).map(([x, y], i): Point => [i, 0.5 * (100 * x * x + y * y)]);
      return new Chart({
        title: 'Loss for three learning rates',
        desc: 'Gradient descent on f = (100x² + y²)/2 from (1, 1), stable only for η < 2/100.',
        x: { domain: [0, 150], label: 'step' },
        y: { domain: [1e-3, 1e3], label: 'loss (log scale)', log: true },
        legend: 'bottom-left',
      })
        .line(loss(0.005), { series: 0, label: 'η = 0.005' })
        .line(loss(0.019), { series: 1, label: 'η = 0.019' })
        .line(loss(0.021), { series: 2, label: 'η = 0.021 > 2/λ_max' })
        .svg();
    },
  },
  {
    slug: 'gradient-descent',
    alt: 'Contours of the bowl f(x, y) = (x² + 4y²)/2 with the path of gradient descent from (−4, 2) at learning rate 0.3: each step goes downhill at right angles to the contour it starts on and the path converges to the minimum at the origin.',
    draw: () => {
      const path = descend([-4, 2], 1, 4, 0.3, 12);
      return contours(
        new Chart({
          title: 'Gradient descent on a bowl',
          desc: 'w ← w − η∇f(w) with η = 0.3 on f(x, y) = (x² + 4y²)/2, starting at (−4, 2).',
          x: { domain: [-5, 5], label: 'x' },
          y: { domain: [-2.5, 2.5], label: 'y' },
        }),
        1,
        4,
        [0.5, 2, 4.5, 8, 12.5],
      )
        .line(path, { series: 1, dash: false })
        .points(path, { series: 1, r: 3.5 })
        .points([[0, 0]], { series: 0, shape: 'cross', r: 6 })
        .label(-4, 2, 'start', { anchor: 'start', dx: 8, dy: -8 })
        .label(0, 0, 'minimum', { anchor: 'start', dx: 10, dy: 18 })
        .svg();
    },
  },
  {
    slug: 'sgd-momentum',
    alt: 'Paths of plain gradient descent and of momentum (β = 0.7) on a narrow valley f = (x² + 50y²)/2, both starting at (−9, 1) with the same step size 0.038: plain descent zig-zags across the steep direction and after 40 steps is still about 2 units short of the minimum along the shallow one, while momentum damps the zig-zag, gathers speed along the valley floor and ends next to the minimum.',
    draw: () => {
      const plain = descend([-9, 1], 1, 50, 0.038, 40);
      const heavy = descend([-9, 1], 1, 50, 0.038, 40, 0.7);
      return contours(
        new Chart({
          title: 'Momentum on a narrow valley',
          desc: 'Gradient descent with and without heavy-ball momentum β = 0.7, η = 0.038, 40 steps on f = (x² + 50y²)/2.',
          x: { domain: [-10, 10], label: 'x' },
          y: { domain: [-1.6, 1.6], label: 'y' },
          legend: 'bottom-right',
        }),
        1,
        50,
        [1, 4, 12, 24, 40],
      )
        .line(plain, { series: 1, label: 'plain, 40 steps', width: 2 })
        .line(heavy, { series: 0, label: 'momentum β = 0.7', width: 2 })
        .points([[0, 0]], { series: 2, shape: 'cross', r: 6 })
        .svg();
    },
  },
  {
    slug: 'stochastic-gradient-descent',
    alt: 'Paths of full-batch gradient descent and of stochastic gradient descent on the bowl f = (x² + 4y²)/2 from (−4, 2) with learning rate 0.1: the full-batch path is smooth; the stochastic path, whose gradients carry noise, wanders around it and keeps jittering near the minimum instead of settling exactly.',
    draw: () => {
      const noise = normal(rng(7));
      const full = descend([-4, 2], 1, 4, 0.1, 60);
      const stochastic = descend([-4, 2], 1, 4, 0.1, 60, 0, () => 1.5 * noise());
      return contours(
        new Chart({
          title: 'Full-batch and stochastic gradients',
          desc: 'Gradient descent and SGD (gradient plus Gaussian noise, σ = 1.5) with η = 0.1 for 60 steps on f = (x² + 4y²)/2.',
          x: { domain: [-5, 5], label: 'x' },
          y: { domain: [-2.5, 2.5], label: 'y' },
          legend: 'bottom-right',
        }),
        1,
        4,
        [0.5, 2, 4.5, 8, 12.5],
      )
        .line(full, { series: 0, label: 'full batch', width: 2.5 })
        .line(stochastic, { series: 1, label: 'stochastic', width: 1.8, dash: false })
        .points([[0, 0]], { series: 2, shape: 'cross', r: 6 })
        .svg();
    },
  },
  {
    slug: 'nesterov-momentum',
    alt: 'Loss against step, on a log scale, for classical momentum and Nesterov momentum (both β = 0.9, η = 0.035) on the valley f = (x² + 25y²)/2: classical momentum overshoots and its loss oscillates; Nesterov’s look-ahead gradient brakes earlier, so its loss falls faster and stays below that of classical momentum.',
    draw: () => {
      const run = (nesterov: boolean): Point[] => {
        let [x, y] = [-9, 1];
        let [vx, vy] = [0, 0];
        const out: Point[] = [[0, 0.5 * (x * x + 25 * y * y)]];
        for (let i = 1; i <= 100; i++) {
          const [px, py] = nesterov ? [x - 0.035 * 0.9 * vx, y - 0.035 * 0.9 * vy] : [x, y];
          vx = 0.9 * vx + px;
          vy = 0.9 * vy + 25 * py;
          x -= 0.035 * vx;
          y -= 0.035 * vy;
          out.push([i, 0.5 * (x * x + 25 * y * y)]);
        }
        return out;
      };
      return new Chart({
        title: 'Classical and Nesterov momentum',
        desc: 'Loss per step with β = 0.9 and η = 0.035 on f = (x² + 25y²)/2 from (−9, 1); Nesterov evaluates the gradient at the look-ahead point.',
        x: { domain: [0, 100], label: 'step' },
        y: { domain: [1e-6, 1e2], label: 'loss (log scale)', log: true, ticks: [1e-6, 1e-4, 1e-2, 1, 100] },
        legend: 'bottom-left',
      })
        .line(run(false), { series: 1, label: 'classical momentum' })
        .line(run(true), { series: 0, label: 'Nesterov' })
        .svg();
    },
  },
  {
    slug: 'gradient-clipping',
    alt: 'Clipping by norm with threshold c = 1, drawn in two dimensions: a gradient of norm 5 is scaled by 0.2 onto the circle of radius 1, keeping its direction; a gradient of norm 0.6 lies inside the circle and is left as it is.',
    draw: () => {
      const big: Point = [4, 3];
      const small: Point = [-0.36, 0.48];
      const chart = new Chart({
        title: 'Gradient clipping by norm, c = 1',
        desc: 'g ← g · min(1, c/‖g‖): a gradient (4, 3) of norm 5 becomes (0.8, 0.6); one of norm 0.6 is unchanged.',
        x: { domain: [-2, 5], label: 'g₁', ticks: [-2, -1, 0, 1, 2, 3, 4, 5] },
        y: { domain: [-1.5, 3.5], label: 'g₂', ticks: [-1, 0, 1, 2, 3] },
        height: 340,
      });
      chart.ellipse(0, 0, 1, 1, 'ln', { 'stroke-dasharray': '5 4' });
      return chart
        .arrow([0, 0], big, 1, 2)
        .arrow([0, 0], [0.8, 0.6], 0, 3.5)
        .arrow([0, 0], small, 2, 3)
        .label(4, 3, 'g, ‖g‖ = 5', { anchor: 'end', dx: -6, dy: -10 })
        .label(0.8, 0.6, 'clipped: 0.2·g', { anchor: 'start', dx: 10, dy: 16 })
        .label(-0.36, 0.48, '‖g‖ = 0.6: kept', { anchor: 'end', dx: -4, dy: -10 })
        .label(0.71, -0.71, 'c = 1', { anchor: 'start', dx: 6, dy: 12 })
        .svg();
    },
  },
  {
    slug: 'vanishing-exploding-gradients',
    alt: 'The size of the gradient reaching layer 0 relative to the top, against depth, on a log scale, when each layer scales the backward signal by 0.9, 1.0 or 1.1: after 50 layers 0.9 leaves about 0.005 of it (vanishing) and 1.1 multiplies it by about 117 (exploding); only 1.0 keeps it level.',
    draw: () =>
      new Chart({
        title: 'Products of per-layer factors',
        desc: 'Gradient scale factor^L after L layers, for factors 0.9, 1.0 and 1.1, with L up to 50.',
        x: { domain: [0, 50], label: 'layers L' },
        y: { domain: [1e-3, 1e3], label: 'gradient scale (log)', log: true },
        legend: 'top-left',
      })
        .fn((L) => 1.1 ** L, { series: 1, label: '×1.1 per layer' })
        .fn(() => 1, { series: 2, label: '×1.0' })
        .fn((L) => 0.9 ** L, { series: 0, label: '×0.9 per layer' })
        .points([[50, 1.1 ** 50], [50, 0.9 ** 50]], { series: 3 })
        .label(50, 1.1 ** 50, '≈ 117', { anchor: 'end', dx: -8, dy: 18 })
        .label(50, 0.9 ** 50, '≈ 0.005', { anchor: 'end', dx: -8, dy: -10 })
        .svg(),
  },
  {
    slug: 'hyperparameter-search',
    alt: 'Nine trials of grid search and nine of random search over an important and an unimportant hyperparameter: the 3 × 3 grid tries only three distinct values of the important one, while random search tries nine distinct values, shown as ticks along the bottom axis.',
    draw: () => {
      const u = rng(11);
      const grid: Point[] = [];
      for (const a of [1 / 6, 1 / 2, 5 / 6]) for (const b of [1 / 6, 1 / 2, 5 / 6]) grid.push([a, b]);
      const random: Point[] = Array.from({ length: 9 }, () => [u(), u()]);
      const chart = new Chart({
        title: 'Grid search and random search, nine trials each',
        desc: 'Trials placed on a 3 × 3 grid and uniformly at random in the unit square (after Bergstra & Bengio, 2012, figure 1); ticks below mark the values of the important hyperparameter each tried.',
        x: { domain: [0, 1], label: 'important hyperparameter', ticks: [0, 0.5, 1] },
        y: { domain: [-0.12, 1], label: 'unimportant one', ticks: [0, 0.5, 1] },
        legend: 'below',
        height: 350,
      });
      chart.rule('y', 0, undefined, { dash: '' });
      for (const [a] of grid) chart.line([[a, -0.11], [a, -0.04]], { series: 1, dash: false, width: 3 });
      for (const [a] of random) chart.line([[a, -0.11], [a, -0.04]], { series: 0, dash: false, width: 2 });
      return chart.points(grid, { series: 1, shape: 'square', r: 5, label: 'grid: 3 distinct values' }).points(random, { series: 0, r: 5, label: 'random: 9 distinct values' }).svg();
    },
  },
];
