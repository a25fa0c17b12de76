import { Chart } from '../chart.js';
import { covarianceEllipse, mean, normalPdf } from '../math.js';
import { normal, rng } from '../random.js';
import { rect, svgDocument, text } from '../svg.js';
import type { DiagramDefinition } from './types.js';

type Point = [number, number];
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** Rows of blocks over time: which part of the data trains and which tests, split by split. */
function splits(title: string, desc: string, rows: { train: [number, number][]; test: [number, number] }[], total: number, unit: string, rowLabel: (i: number) => string): string {
  const x0 = 86;
  const w = 480 - x0 - 20;
  const step = w / total;
  const rowH = 22;
  const body: string[] = [];
  rows.forEach((row, i) => {
    const y = 40 + i * (rowH + 6);
    body.push(text(x0 - 8, y + 16, rowLabel(i), { anchor: 'end', size: 13 }));
    body.push(rect(x0, y, w, rowH, 'grid', { fill: 'none', 'stroke-width': 1 }));
    for (const [a, b] of row.train) body.push(rect(x0 + a * step, y, (b - a) * step, rowH, 'f0', { 'fill-opacity': 0.7 }));
    body.push(rect(x0 + row.test[0] * step, y, (row.test[1] - row.test[0]) * step, rowH, 'f1', { 'fill-opacity': 0.85 }));
  });
  const bottom = 40 + rows.length * (rowH + 6);
  body.push(rect(x0, bottom + 10, 14, 14, 'f0', { 'fill-opacity': 0.7 }), text(x0 + 20, bottom + 22, 'train', { anchor: 'start', size: 14 }));
  body.push(rect(x0 + 80, bottom + 10, 14, 14, 'f1', { 'fill-opacity': 0.85 }), text(x0 + 100, bottom + 22, 'test', { anchor: 'start', size: 14 }));
  body.push(text(480 - 20, bottom + 22, unit, { anchor: 'end', size: 13, cls: 'mu' }));
  return svgDocument({ title, desc, width: 480, height: bottom + 40, body });
}

export const dataAndDecisionDiagrams: DiagramDefinition[] = [
  {
    slug: 'difference-in-differences',
    alt: 'Card and Krueger’s fast-food employment data: in New Jersey, where the minimum wage rose, average employment per store went from 20.44 to 21.03; in eastern Pennsylvania, where it did not, from 23.33 to 21.17. Drawing New Jersey’s counterfactual parallel to Pennsylvania’s change (to 18.28) shows the difference-in-differences, about +2.76 employees per store.',
    draw: () => {
      const nj: Point[] = [[0, 20.44], [1, 21.03]];
      const pa: Point[] = [[0, 23.33], [1, 21.17]];
      const counterfactual = 20.44 + (21.17 - 23.33);
      return new Chart({
        title: 'Difference in differences: minimum wage and jobs',
        desc: `δ̂ = (21.03 − 20.44) − (21.17 − 23.33) = ${(21.03 - 20.44 - (21.17 - 23.33)).toFixed(2)} full-time-equivalent employees per store (Card & Krueger, 1994).`,
        x: { domain: [-0.3, 1.3], label: 'survey', names: ['before (Feb 1992)', 'after (Nov 1992)'] },
        y: { domain: [17, 24.5], label: 'employees per store' },
        legend: 'bottom-left',
      })
        .line(pa, { series: 1, label: 'Pennsylvania (control)', dash: false })
        .line(nj, { series: 0, label: 'New Jersey (wage rose)', dash: false })
        .line([[0, 20.44], [1, counterfactual]], { series: 0, label: 'New Jersey without the rise', dash: '6 4', width: 2 })
        .points([...nj, [1, counterfactual]], { series: 0, r: 5 })
        .points(pa, { series: 1, r: 5, shape: 'square' })
        .line([[1.06, counterfactual], [1.06, 21.03]], { series: 2, dash: false, width: 3 })
        .label(1.06, (counterfactual + 21.03) / 2, '+2.76', { anchor: 'start', dx: 6, series: 2 })
        .svg();
    },
  },
  {
    slug: 'regression-discontinuity',
    alt: 'Simulated 12-month spending against risk score around an approval cutoff at 700: customers just above the cutoff got a credit-limit increase. Local linear fits within 30 points on each side meet the cutoff at different heights, and the jump between them at 700 estimates the effect for customers near that score.',
    draw: () => {
      const u = rng(47);
      const z = normal(u);
      const truth = 300;
      const pts: Point[] = Array.from({ length: 240 }, () => {
        const s = 640 + 120 * u();
        return [s, 2000 + 8 * (s - 700) + (s >= 700 ? truth : 0) + 90 * z()];
      });
      const fit = (side: Point[]) => {
        const mx = mean(side.map((p) => p[0]));
        const my = mean(side.map((p) => p[1]));
        const b = side.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / side.reduce((s, [x]) => s + (x - mx) ** 2, 0);
        return (x: number) => my + b * (x - mx);
      };
      const left = fit(pts.filter(([s]) => s < 700 && s >= 670));
      const right = fit(pts.filter(([s]) => s >= 700 && s < 730));
      const gap = right(700) - left(700);
      if (Math.abs(gap - truth) > 60) throw new Error(`regression-discontinuity diagram: estimate ${gap} is far from the simulated ${truth}`);
      return new Chart({
        title: 'A jump at the cutoff',
        desc: `Simulated data with a true effect of ${truth}; local linear fits within 30 points of 700 estimate ${Math.round(gap)}.`,
        x: { domain: [640, 760], label: 'risk score' },
        y: { domain: [1300, 3200], label: '12-month spending' },
        legend: 'top-left',
      })
        .points(pts.filter(([s]) => s < 700), { series: 5, r: 3 })
        .points(pts.filter(([s]) => s >= 700), { series: 0, r: 3, label: 'got the increase' })
        .fn(left, { series: 1, dash: false, width: 3, label: 'local linear fits' }, [670, 700], 2)
        .fn(right, { series: 1, dash: false, width: 3 }, [700, 730], 2)
        .rule('x', 700, 'cutoff 700')
        .line([[703, left(700)], [703, right(700)]], { series: 2, dash: false, width: 3 })
        .label(703, (left(700) + right(700)) / 2, `jump ≈ ${Math.round(gap)}`, { anchor: 'start', dx: 6, series: 2 })
        .svg();
    },
  },
  {
    slug: 'simpsons-paradox',
    alt: 'Success rates of two kidney-stone treatments: open surgery (A) beats percutaneous nephrolithotomy (B) for small stones (93% against 87%) and for large stones (73% against 69%), yet B looks better overall (83% against 78%), because A was given mostly to the harder, large stones.',
    draw: () => {
      const A = [81 / 87, 192 / 263, 273 / 350];
      const B = [234 / 270, 55 / 80, 289 / 350];
      return new Chart({
        title: 'Simpson’s paradox in kidney-stone data',
        desc: 'Success rates from Charig et al. (1986): A 81/87, 192/263, 273/350; B 234/270, 55/80, 289/350.',
        x: { domain: [-0.6, 2.6], label: 'patients', names: ['small stones', 'large stones', 'all'] },
        y: { domain: [0, 1.1], label: 'success rate', ticks: [0, 0.25, 0.5, 0.75, 1], format: pct },
        legend: 'below',
      })
        .bars(A.map((v, i): Point => [i, v]), { series: 0, label: 'A: open surgery', width: 0.36, offset: -0.19, values: pct })
        .bars(B.map((v, i): Point => [i, v]), { series: 1, label: 'B: percutaneous', width: 0.36, offset: 0.19, values: pct })
        .svg();
    },
  },
  {
    slug: 'stationarity',
    alt: 'A simulated random walk y_t = y_{t−1} + ε_t over 200 steps wanders far from where it started without returning to a fixed level, so it is not stationary; its first difference, the step ε_t itself, is white noise that stays around zero with constant spread.',
    draw: () => {
      const z = normal(rng(53));
      const eps = Array.from({ length: 200 }, () => z());
      const walk: Point[] = [];
      let y = 0;
      eps.forEach((e, t) => walk.push([t, (y += e)]));
      return new Chart({
        title: 'A random walk and its differences',
        desc: 'y_t = y_{t−1} + ε_t with ε_t ~ N(0, 1), and the differenced series y_t − y_{t−1} = ε_t.',
        x: { domain: [0, 200], label: 't' },
        y: { domain: [Math.min(-4, Math.floor(Math.min(...walk.map((p) => p[1])))), Math.max(4, Math.ceil(Math.max(...walk.map((p) => p[1]))))], label: 'value' },
        legend: 'below',
      })
        .line(eps.map((e, t): Point => [t, e]), { series: 5, label: 'difference ε_t (stationary)', dash: false, width: 1.2 })
        .line(walk, { series: 0, label: 'random walk y_t (not stationary)', dash: false, width: 2.2 })
        .svg();
    },
  },
  {
    slug: 'autocorrelation-acf-pacf',
    alt: 'The autocorrelation function of 10 years of simulated monthly sales with an upward trend and a yearly cycle: large positive spikes at lags 12, 24 and 36, a slow decay over the first lags from the trend, and a band of ±1.96/√120 ≈ ±0.18 within which white noise would stay.',
    draw: () => {
      const z = normal(rng(59));
      const T = 120;
      const y = Array.from({ length: T }, (_, t) => 0.05 * t + 2 * Math.sin((2 * Math.PI * t) / 12) + 0.6 * z());
      const m = mean(y);
      const denominator = y.reduce((s, v) => s + (v - m) ** 2, 0);
      const acf = Array.from({ length: 36 }, (_, i) => {
        const k = i + 1;
        let s = 0;
        for (let t = k; t < T; t++) s += (y[t]! - m) * (y[t - k]! - m);
        return s / denominator;
      });
      const band = 1.96 / Math.sqrt(T);
      const chart = new Chart({
        title: 'Autocorrelation of a seasonal series',
        desc: `r_k for k = 1 … 36 of a simulated monthly series (T = 120) with trend and 12-month season; band ±${band.toFixed(2)}.`,
        x: { domain: [0, 37], label: 'lag k (months)', ticks: [1, 6, 12, 18, 24, 30, 36] },
        y: { domain: [-1, 1], label: 'autocorrelation r_k' },
      });
      chart.band([[0, band], [37, band]], [[0, -band], [37, -band]], 5, 0.25);
      return chart.bars(acf.map((r, i): Point => [i + 1, r]), { series: 0, width: 0.5, from: 0 }).rule('y', 0, undefined, { dash: '' }).svg();
    },
  },
  {
    slug: 'exponential-smoothing',
    alt: 'Simple exponential smoothing of a noisy simulated series with α = 0.3 and α = 0.8: the α = 0.3 level is smooth and lags behind a shift in the series, the α = 0.8 level follows the latest observations closely, noise included. The weights on past observations fall geometrically, 0.3, 0.21, 0.147, … for α = 0.3.',
    draw: () => {
      const z = normal(rng(61));
      const y = Array.from({ length: 60 }, (_, t) => (t < 30 ? 100 : 110) + 3 * z());
      const smooth = (alpha: number): Point[] => {
        let level = y[0]!;
        return y.map((v, t) => [t, (level = t === 0 ? v : alpha * v + (1 - alpha) * level)]);
      };
      return new Chart({
        title: 'Simple exponential smoothing',
        desc: 'ℓ_t = α·y_t + (1 − α)·ℓ_{t−1} on a series that steps from 100 to 110 at t = 30, for α = 0.3 and 0.8.',
        x: { domain: [0, 59], label: 't' },
        y: { domain: [90, 120], label: 'value' },
        legend: 'top-left',
      })
        .points(y.map((v, t): Point => [t, v]), { series: 5, r: 3, label: 'observations' })
        .line(smooth(0.3), { series: 0, label: 'α = 0.3', dash: false })
        .line(smooth(0.8), { series: 1, label: 'α = 0.8' })
        .svg();
    },
  },
  {
    slug: 'time-series-cross-validation',
    alt: 'Rolling-origin backtest on 36 months with a 3-month horizon: ten rows, one per forecast origin; the first trains on months 1–24 and tests on 25–27, each next one adds a month of training and moves the test window on, until the last trains on 1–33 and tests on 34–36. No test month ever comes before its training data.',
    draw: () =>
      splits(
        'Backtesting with rolling origins',
        'Ten origins: train on months 1 … 24 + k, test on the next three, k = 0 … 9.',
        Array.from({ length: 10 }, (_, k) => ({ train: [[0, 24 + k]], test: [24 + k, 27 + k] })),
        36,
        'months 1–36 →',
        (i) => `origin ${i + 1}`,
      ),
  },
  {
    slug: 'cross-validation',
    alt: 'Five-fold cross-validation on 1,000 examples: five rows, one per model; each trains on four folds of 200 examples (800 in all) and is scored on the remaining fold, and each fold is the test fold exactly once, so every example is scored once by a model that did not see it.',
    draw: () =>
      splits(
        'Five-fold cross-validation',
        'Folds of 200 of 1,000 examples; model k is scored on fold k and trained on the other four.',
        Array.from({ length: 5 }, (_, k) => ({ train: [[0, 200 * k], [200 * (k + 1), 1000]] as [number, number][], test: [200 * k, 200 * (k + 1)] as [number, number] })),
        1000,
        'examples 1–1,000 →',
        (i) => `model ${i + 1}`,
      ),
  },
  {
    slug: 'popularity-bias',
    alt: 'The share of clicks by item popularity rank for 1,000 items whose popularity follows Zipf’s law (exponent 1), on log–log axes: a short head of items collects most clicks and a long tail gets few each; the top 20% of items receive about 79% of all clicks.',
    draw: () => {
      const n = 1000;
      const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1));
      const total = weights.reduce((a, b) => a + b, 0);
      const head = weights.slice(0, n / 5).reduce((a, b) => a + b, 0) / total;
      if (Math.abs(head - 0.79) > 0.005) throw new Error(`popularity diagram: head share ${head}`);
      return new Chart({
        title: 'A long tail of item popularity',
        desc: `Zipf popularity ∝ 1/rank over 1,000 items; the top 200 items get ${pct(head)} of clicks.`,
        x: { domain: [1, 1000], label: 'item rank (log scale)', log: true },
        y: { domain: [1e-4, 1], label: 'share of clicks (log)', log: true, ticks: [1e-4, 1e-3, 1e-2, 1e-1, 1] },
      })
        .line(weights.map((w, i): Point => [i + 1, w / total]), { series: 0, dash: false })
        .rule('x', 200, `top 20%: ${pct(head)} of clicks`, { anchor: 'end' })
        .svg();
    },
  },
  {
    slug: 'ranking-metrics-ndcg',
    alt: 'The position discount of DCG, 1/log₂(i + 1), for ranks 1 to 10: a relevant item at rank 1 counts fully, at rank 3 it counts 0.5, and at rank 10 about 0.29; beyond the cut-off k it counts nothing.',
    draw: () =>
      new Chart({
        title: 'How DCG discounts lower ranks',
        desc: '1/log₂(i + 1) for i = 1 … 10 (the contribution of a relevant item with rel = 1).',
        x: { domain: [0.3, 10.7], label: 'rank i', ticks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
        y: { domain: [0, 1.12], label: 'discount', ticks: [0, 0.25, 0.5, 0.75, 1] },
      })
        .bars(Array.from({ length: 10 }, (_, k): Point => [k + 1, 1 / Math.log2(k + 2)]), { series: 0, width: 0.7, values: (v) => v.toFixed(2) })
        .svg(),
  },
  {
    slug: 'gibbs-sampling',
    alt: 'Gibbs sampling of a standard bivariate normal, 20 sweeps from the same start: with correlation 0.5 each coordinate move spans about 0.87 standard deviations and the staircase path covers the distribution quickly; with correlation 0.99 the moves shrink to about 0.14 and the path creeps along the narrow diagonal.',
    draw: () => {
      const z = normal(rng(67));
      const chain = (rho: number): Point[] => {
        let [x, y] = [-2.5, 2.5];
        const path: Point[] = [[x, y]];
        const sd = Math.sqrt(1 - rho * rho);
        for (let i = 0; i < 20; i++) {
          x = rho * y + sd * z();
          path.push([x, y]);
          y = rho * x + sd * z();
          path.push([x, y]);
        }
        return path;
      };
      return new Chart({
        title: 'Gibbs sampling with weak and strong correlation',
        desc: 'x | y ~ N(ρy, 1 − ρ²), y | x ~ N(ρx, 1 − ρ²); 20 sweeps each from (−2.5, 2.5) for ρ = 0.5 and 0.99, with 2σ contours.',
        x: { domain: [-3.5, 3.5], label: 'x' },
        y: { domain: [-3.5, 3.5], label: 'y' },
        width: 440,
        height: 440,
        legend: 'below',
      })
        .line(covarianceEllipse(0, 0, 1, 0.5, 1), { series: 0, dash: '2 3', width: 1.2 })
        .line(covarianceEllipse(0, 0, 1, 0.99, 1), { series: 1, dash: '2 3', width: 1.2 })
        .line(chain(0.5), { series: 0, dash: false, width: 1.8, label: 'ρ = 0.5' })
        .line(chain(0.99), { series: 1, dash: false, width: 1.8, label: 'ρ = 0.99' })
        .points([[-2.5, 2.5]], { series: 4, shape: 'cross', r: 6, label: 'start' })
        .svg();
    },
  },
  {
    slug: 'markov-chain-monte-carlo',
    alt: 'The trace of random-walk Metropolis sampling the posterior of a regression slope, starting at θ = 0 with proposal steps of standard deviation 0.1: the chain climbs for its first few dozen iterations (the burn-in) and then wanders around the posterior mean of 1.5, which a histogram of the later draws would show.',
    draw: () => {
      const u = rng(71);
      const z = normal(u);
      const logp = (t: number) => -0.5 * ((t - 1.5) / 0.2) ** 2;
      let theta = 0;
      const trace: Point[] = [[0, 0]];
      let accepted = 0;
      for (let i = 1; i <= 600; i++) {
        const proposal = theta + 0.1 * z();
        if (Math.log(u()) < logp(proposal) - logp(theta)) {
          theta = proposal;
          accepted++;
        }
        trace.push([i, theta]);
      }
      return new Chart({
        title: 'Random-walk Metropolis: a trace plot',
        desc: `Target N(1.5, 0.2²) known up to a constant, proposals N(θ, 0.1²), 600 iterations, acceptance rate ${pct(accepted / 600)}.`,
        x: { domain: [0, 600], label: 'iteration' },
        y: { domain: [-0.2, 2.4], label: 'θ (slope)' },
      })
        .line(trace, { series: 0, dash: false, width: 1.4 })
        .rule('y', 1.5, 'posterior mean 1.5', { anchor: 'end' })
        .rule('x', 50, 'burn-in', { anchor: 'end' })
        .svg();
    },
  },
  {
    slug: 'object-detection-iou-nms',
    alt: 'A ground-truth box from (0, 0) to (10, 10) and a predicted box from (5, 0) to (15, 10): they overlap in a 5 × 10 region (shaded), so IoU = 50 / (100 + 100 − 50) = 1/3, below the usual 0.5 threshold for counting the prediction as a match.',
    draw: () => {
      const box = (x0: number, y0: number, x1: number, y1: number): Point[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
      const chart = new Chart({
        title: 'Intersection over union',
        desc: 'IoU = |A ∩ B| / (|A| + |B| − |A ∩ B|) = 50/150 = 1/3.',
        x: { domain: [-2, 17], label: 'x', ticks: [0, 5, 10, 15] },
        y: { domain: [-2, 13], label: 'y', ticks: [0, 5, 10] },
        legend: 'below',
        height: 320,
      });
      chart.band([[5, 10], [10, 10]], [[5, 0], [10, 0]], 2, 0.4);
      return chart
        .line(box(0, 0, 10, 10), { series: 0, dash: false, width: 3, label: 'ground truth A' })
        .line(box(5, 0, 15, 10), { series: 1, width: 3, label: 'prediction B' })
        .label(7.5, 5, 'A ∩ B = 50', { anchor: 'middle' })
        .label(7.5, 11.5, 'IoU = 50 / 150 = 0.33 < 0.5', { anchor: 'middle' })
        .svg();
    },
  },
  {
    slug: 'llm-watermarking',
    alt: 'How many of 200 tokens fall in the green list when a quarter of the vocabulary is green: unwatermarked text has about 50 green tokens with a standard deviation of about 6.1 (the bell curve), a detection threshold at z = 4 lies near 74, and watermarked text with 120 green tokens sits far beyond it, at z ≈ 11.4.',
    draw: () => {
      const T = 200;
      const gamma = 0.25;
      const sd = Math.sqrt(T * gamma * (1 - gamma));
      const threshold = T * gamma + 4 * sd;
      return new Chart({
        title: 'Detecting a green-list watermark',
        desc: `Green-token count of human text ≈ N(${T * gamma}, ${sd.toFixed(1)}²); threshold z = 4 at ${threshold.toFixed(1)}; watermarked example 120 tokens, z = ${((120 - T * gamma) / sd).toFixed(1)}.`,
        x: { domain: [20, 130], label: 'green tokens among 200' },
        y: { domain: [0, 0.075], label: 'density', ticks: [0, 0.02, 0.04, 0.06] },
      })
        .fn((g) => normalPdf(g, T * gamma, sd), { series: 0, dash: false, label: 'human text' }, [20, 130], 300)
        .rule('x', threshold, 'z = 4', { anchor: 'start' })
        .points([[120, 0.002]], { series: 1, r: 6 })
        .label(120, 0.002, 'watermarked: 120, z ≈ 11.4', { anchor: 'end', dx: -10, dy: -12, series: 1 })
        .svg();
    },
  },
  {
    slug: 'early-stopping',
    alt: 'Training and validation loss over epochs (illustrative curves): training loss keeps falling, while validation loss reaches its minimum at epoch 38 and then creeps up. With patience 10, training stops at epoch 48 and the weights from epoch 38 are restored.',
    draw: () => {
      const val = (e: number) => 0.3 + 1.5 * Math.exp(-e / 10) + 0.15 * Math.exp(-3.8) * e;
      const train = (e: number) => 0.05 + 1.6 * Math.exp(-e / 12);
      const best = Array.from({ length: 101 }, (_, e) => e).reduce((a, b) => (val(b) < val(a) ? b : a), 0);
      if (best !== 38) throw new Error(`early-stopping diagram: best epoch ${best}`);
      return new Chart({
        title: 'Early stopping with patience 10',
        desc: 'Illustrative curves whose validation minimum falls at epoch 38, as in the card’s example.',
        x: { domain: [0, 80], label: 'epoch' },
        y: { domain: [0, 1.9], label: 'loss' },
        legend: 'below',
      })
        .fn(train, { series: 0, label: 'training loss' }, [0, 80], 160)
        .fn(val, { series: 1, label: 'validation loss' }, [0, 80], 160)
        .rule('x', 38, 'best: 38', { anchor: 'end' })
        .rule('x', 48, 'stop: 48')
        .points([[38, val(38)]], { series: 1, r: 5 })
        .svg();
    },
  },
  {
    slug: 'exploration-exploitation',
    alt: 'Average cumulative regret over 20,000 pulls of three slot machines paying with probabilities 0.3, 0.5 and 0.6, over 100 simulated runs: a purely greedy player’s regret grows linearly because it often locks onto a worse machine; ε-greedy with ε = 0.1 also grows linearly, more slowly, since it keeps exploring at random forever; UCB1 explores more at first but its regret flattens out, growing only logarithmically, and ends lowest.',
    draw: () => {
      const u = rng(73);
      const probs = [0.3, 0.5, 0.6];
      const steps = 20000;
      const runs = 100;
      const regret = (policy: 'greedy' | 'eps' | 'ucb'): Point[] => {
        const sum = new Array<number>(steps).fill(0);
        for (let r = 0; r < runs; r++) {
          const n = [0, 0, 0];
          const wins = [0, 0, 0];
          let total = 0;
          for (let t = 0; t < steps; t++) {
            let a: number;
            if (t < 3) a = t;
            else if (policy === 'eps' && u() < 0.1) a = Math.floor(u() * 3);
            else if (policy === 'ucb') a = [0, 1, 2].reduce((b, k) => (wins[k]! / n[k]! + Math.sqrt((2 * Math.log(t)) / n[k]!) > wins[b]! / n[b]! + Math.sqrt((2 * Math.log(t)) / n[b]!) ? k : b), 0);
            else a = [0, 1, 2].reduce((b, k) => (wins[k]! / n[k]! > wins[b]! / n[b]! ? k : b), 0);
            n[a]!++;
            if (u() < probs[a]!) wins[a]!++;
            total += 0.6 - probs[a]!;
            sum[t]! += total;
          }
        }
        return sum.map((s, t): Point => [t + 1, s / runs]).filter((_, t) => t % 100 === 0 || t === steps - 1);
      };
      const [greedy, eps, ucb] = [regret('greedy'), regret('eps'), regret('ucb')];
      const last = (c: Point[]) => c.at(-1)![1];
      if (!(last(ucb) < last(eps) && last(eps) < last(greedy))) throw new Error(`bandit diagram: final regrets ${last(greedy)}, ${last(eps)}, ${last(ucb)}`);
      return new Chart({
        title: 'Regret of three bandit strategies',
        desc: 'Arms with success probabilities 0.3, 0.5, 0.6; expected regret Σ (0.6 − p_chosen), averaged over 100 runs of 20,000 pulls.',
        x: { domain: [0, 20000], label: 'pulls', format: (v) => (v === 0 ? '0' : `${v / 1000}k`) },
        y: { domain: [0, Math.ceil(last(greedy) / 100) * 100], label: 'cumulative regret' },
        legend: 'top-left',
      })
        .line(greedy, { series: 1, label: 'greedy' })
        .line(eps, { series: 2, label: 'ε-greedy, ε = 0.1' })
        .line(ucb, { series: 0, label: 'UCB1', dash: false })
        .svg();
    },
  },
];
