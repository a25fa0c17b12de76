import { Chart } from '../chart.js';
import { heatmap } from '../grid.js';
import { betaPdf, choose, mean, normalCdf, normalPdf, polyfit } from '../math.js';
import { normal, rng } from '../random.js';
import type { DiagramDefinition } from './types.js';

type Point = [number, number];
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** Estimation, uncertainty and evaluation: each drawn from the card's own worked example where it has one. */
export const statisticsDiagrams: DiagramDefinition[] = [
  {
    slug: 'maximum-likelihood-estimation',
    alt: 'The likelihood p⁷(1 − p)³ of 7 heads in 10 coin flips as a function of the heads probability p: a single hump that peaks at the maximum-likelihood estimate p̂ = 0.7, the observed frequency.',
    draw: () => {
      const L = (p: number) => p ** 7 * (1 - p) ** 3;
      return new Chart({
        title: 'Likelihood of 7 heads in 10 flips',
        desc: 'L(p) = p⁷(1 − p)³ for p from 0 to 1, maximised at p̂ = 0.7.',
        x: { domain: [0, 1], label: 'heads probability p' },
        y: { domain: [0, 2.5], label: 'likelihood (×10⁻³)' },
      })
        .fn((p) => 1000 * L(p))
        .rule('x', 0.7, 'p̂ = 0.7')
        .points([[0.7, 1000 * L(0.7)]], { series: 1 })
        .svg();
    },
  },
  {
    slug: 'map-estimation',
    alt: 'A Beta(2, 2) prior centred on a fair coin, the likelihood of 3 heads in 3 flips (p³, scaled), and the resulting Beta(5, 2) posterior: the maximum-likelihood estimate is p̂ = 1, while the posterior’s mode, the MAP estimate, is 0.8.',
    draw: () =>
      new Chart({
        title: 'Prior, likelihood and posterior after 3 heads',
        desc: 'Beta(2, 2) prior times likelihood p³ gives the Beta(5, 2) posterior; MAP = 0.8, MLE = 1.',
        x: { domain: [0, 1], label: 'heads probability p' },
        y: { domain: [0, 2.8], label: 'density' },
        legend: 'top-left',
      })
        .fn((p) => betaPdf(p, 2, 2), { series: 0, label: 'prior Beta(2, 2)' })
        .fn((p) => 4 * p ** 3 * 0.6, { series: 2, label: 'likelihood p³ (scaled)' })
        .fn((p) => betaPdf(p, 5, 2), { series: 1, label: 'posterior Beta(5, 2)' })
        .rule('x', 0.8, 'MAP 0.8', { anchor: 'end' })
        .svg(),
  },
  {
    slug: 'conjugate-priors',
    alt: 'Click-rate densities: a Beta(2, 98) prior with mean 2%, and after 20 clicks in 500 impressions the Beta(22, 578) posterior with mean about 3.7%, narrower and between the prior mean and the observed 4%.',
    draw: () =>
      new Chart({
        title: 'A Beta prior updated by clicks',
        desc: 'Prior Beta(2, 98), data 20 clicks in 500 impressions, posterior Beta(22, 578).',
        x: { domain: [0, 0.1], label: 'click rate', format: pct },
        y: { domain: [0, 100], label: 'density' },
        legend: 'top-right',
      })
        .fn((p) => betaPdf(p, 2, 98), { series: 0, label: 'prior Beta(2, 98)' }, [0, 0.1], 300)
        .fn((p) => betaPdf(p, 22, 578), { series: 1, label: 'posterior Beta(22, 578)' }, [0, 0.1], 300)
        .rule('x', 0.04, 'observed 4%', { anchor: 'end' })
        .svg(),
  },
  {
    slug: 'bayesian-inference',
    alt: 'The posterior over a coin’s heads probability, starting from a uniform prior, after 0, 2, 10, 50 and 250 simulated flips of a coin whose true heads probability is 0.7: the density narrows and concentrates around 0.7 as the flips accumulate.',
    draw: () => {
      const u = rng(3);
      const flips = Array.from({ length: 250 }, (): number => (u() < 0.7 ? 1 : 0));
      const chart = new Chart({
        title: 'Posterior after more and more flips',
        desc: 'Beta(1 + heads, 1 + tails) after n = 0, 2, 10, 50, 250 simulated flips with true p = 0.7.',
        x: { domain: [0, 1], label: 'heads probability p' },
        y: { domain: [0, 15], label: 'density' },
        legend: 'top-left',
      });
      [0, 2, 10, 50, 250].forEach((n, i) => {
        const heads = flips.slice(0, n).reduce((a, b) => a + b, 0);
        chart.fn((p) => betaPdf(p, 1 + heads, 1 + n - heads), { series: i, label: `n = ${n}` }, [0, 1], 300);
      });
      return chart.rule('x', 0.7).svg();
    },
  },
  {
    slug: 'kl-divergence',
    alt: 'Bar chart of a fair coin P = (0.5, 0.5) and a biased coin Q = (0.9, 0.1): KL(P‖Q) ≈ 0.511 nats but KL(Q‖P) ≈ 0.368 nats, so the divergence depends on its direction.',
    draw: () => {
      const P = [0.5, 0.5];
      const Q = [0.9, 0.1];
      const kl = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * Math.log(v / b[i]!), 0);
      return new Chart({
        title: 'KL divergence in both directions',
        desc: 'Probabilities of heads and tails under P = (0.5, 0.5) and Q = (0.9, 0.1), with both directions of the KL divergence.',
        x: { domain: [-0.6, 1.6], label: 'outcome', names: ['heads', 'tails'] },
        y: { domain: [0, 1.25], label: 'probability', ticks: [0, 0.25, 0.5, 0.75, 1] },
        legend: 'below',
      })
        .bars(P.map((v, i): Point => [i, v]), { series: 0, label: 'P, fair', width: 0.35, offset: -0.19, values: (v) => String(v) })
        .bars(Q.map((v, i): Point => [i, v]), { series: 1, label: 'Q, biased', width: 0.35, offset: 0.19, values: (v) => String(v) })
        .label(1.05, 1.12, `KL(P‖Q) ≈ ${kl(P, Q).toFixed(3)} nats`, { anchor: 'middle' })
        .label(1.05, 1.0, `KL(Q‖P) ≈ ${kl(Q, P).toFixed(3)} nats`, { anchor: 'middle' })
        .svg();
    },
  },
  {
    slug: 'curse-of-dimensionality',
    alt: 'The edge length e = r^(1/p) of a sub-cube that captures a fraction r of data spread uniformly in a p-dimensional unit cube, for p = 1, 2, 3 and 10: in 10 dimensions capturing 10% of the data needs an edge of about 0.79, most of each feature’s range.',
    draw: () => {
      const chart = new Chart({
        title: 'How big a neighbourhood must be',
        desc: 'e_p(r) = r^(1/p) for p = 1, 2, 3, 10, as in Hastie, Tibshirani & Friedman’s The Elements of Statistical Learning.',
        x: { domain: [0, 1], label: 'fraction of the data captured r' },
        y: { domain: [0, 1], label: 'edge length e' },
        legend: 'below',
      });
      [1, 2, 3, 10].forEach((p, i) => chart.fn((r) => r ** (1 / p), { series: i, label: `p = ${p}` }, [0, 1], 300));
      return chart
        .points([[0.1, 0.1 ** 0.1]], { series: 3 })
        .label(0.97, 0.06, 'marked: p = 10, r = 0.1 → e ≈ 0.79', { anchor: 'end' })
        .svg();
    },
  },
  {
    slug: 'eval-error-bars',
    alt: 'The half-width of a 95% confidence interval, 1.96·√(p(1 − p)/n) for an accuracy of 80%, against the number of benchmark questions n on a log scale: about ±7.8 points at 100 questions, ±2.5 at 1,000 and ±0.8 at 10,000.',
    draw: () => {
      const half = (n: number) => 100 * 1.96 * Math.sqrt((0.8 * 0.2) / n);
      return new Chart({
        title: '95% interval of an 80% score',
        desc: '±1.96·√(0.8 × 0.2 / n) in percentage points for n from 50 to 20,000 questions.',
        x: { domain: [50, 20000], label: 'questions n (log scale)', log: true, ticks: [100, 1000, 10000], format: (v) => v.toLocaleString('en-US') },
        y: { domain: [0, 12], label: '± points (95%)' },
      })
        .fn(half, { series: 0 }, [50, 20000], 300)
        .points([100, 1000, 10000].map((n): Point => [n, half(n)]), { series: 1 })
        .label(100, half(100), `±${half(100).toFixed(1)}`, { anchor: 'start', dx: 8, dy: -6 })
        .label(1000, half(1000), `±${half(1000).toFixed(1)}`, { anchor: 'start', dx: 8, dy: -8 })
        .label(10000, half(10000), `±${half(10000).toFixed(1)}`, { anchor: 'middle', dy: -12 })
        .svg();
    },
  },
  {
    slug: 'humaneval-pass-at-k',
    alt: 'pass@k = 1 − C(n − c, k)/C(n, k) against k for n = 10 samples per problem with c = 1, 3 and 5 correct: with c = 3, pass@1 is 0.30 and pass@5 is about 0.92; every curve reaches 1 once k > n − c.',
    draw: () => {
      const passAt = (c: number, k: number) => 1 - choose(10 - c, k) / choose(10, k);
      const chart = new Chart({
        title: 'pass@k for n = 10 samples',
        desc: 'The unbiased estimator 1 − C(n − c, k)/C(n, k) for k = 1 … 10 and c = 1, 3, 5 correct samples.',
        x: { domain: [1, 10], label: 'k, samples allowed', ticks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
        y: { domain: [0, 1], label: 'pass@k' },
        legend: 'bottom-right',
      });
      [1, 3, 5].forEach((c, i) => {
        const pts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k): Point => [k, passAt(c, k)]);
        chart.line(pts, { series: i, label: `c = ${c} correct` }).points(pts, { series: i, r: 3.5 });
      });
      return chart.label(1, 0.3, 'pass@1 = 0.30', { anchor: 'start', dx: 8, dy: 14 }).label(5, passAt(3, 5), 'pass@5 ≈ 0.92', { anchor: 'start', dx: 6, dy: 18 }).svg();
    },
  },
  {
    slug: 'bias-variance-tradeoff',
    alt: 'Squared bias, variance and expected test error against polynomial degree, estimated from 500 least-squares fits to 20 noisy samples of y = sin(x) at fixed points: bias² falls steeply until degree 3 and is near zero after, variance grows with every added degree, and the test error (their sum plus the noise σ² = 0.25) is lowest at degree 3 and rises again for larger models.',
    draw: () => {
      const z = normal(rng(5));
      const sigma = 0.5;
      const xs = Array.from({ length: 20 }, (_, i) => -Math.PI + (2 * Math.PI * (i + 0.5)) / 20);
      const grid = Array.from({ length: 41 }, (_, i) => -0.95 * Math.PI + (1.9 * Math.PI * i) / 40);
      const degrees = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
      const preds = degrees.map(() => grid.map(() => [] as number[]));
      for (let r = 0; r < 500; r++) {
        const ys = xs.map((x) => Math.sin(x) + sigma * z());
        degrees.forEach((d, di) => {
          const f = polyfit(xs, ys, d, Math.PI);
          grid.forEach((x, gi) => preds[di]![gi]!.push(f(x)));
        });
      }
      const bias: Point[] = [];
      const variance: Point[] = [];
      const total: Point[] = [];
      degrees.forEach((d, di) => {
        const b = mean(grid.map((x, gi) => (mean(preds[di]![gi]!) - Math.sin(x)) ** 2));
        const v = mean(grid.map((_, gi) => {
          const p = preds[di]![gi]!;
          const m = mean(p);
          return mean(p.map((q) => (q - m) ** 2));
        }));
        bias.push([d, b]);
        variance.push([d, v]);
        total.push([d, b + v + sigma * sigma]);
      });
      const best = total.reduce((a, c) => (c[1] < a[1] ? c : a))[0];
      if (best !== 3) throw new Error(`bias-variance diagram: lowest test error at degree ${best}, the alt text says 3`);
      return new Chart({
        title: 'Bias², variance and test error by model size',
        desc: 'Polynomial least squares on 20 fixed points of sin(x) with N(0, 0.5²) noise, 500 resamples, errors averaged over x in the sampled range.',
        x: { domain: [0, 10], label: 'polynomial degree', ticks: [0, 2, 4, 6, 8, 10] },
        y: { domain: [0, 0.8], label: 'error' },
        legend: 'top-right',
      })
        .line(total, { series: 2, label: 'test error' })
        .line(bias, { series: 0, label: 'bias²' })
        .line(variance, { series: 1, label: 'variance' })
        .rule('y', sigma * sigma, 'noise σ² = 0.25', { anchor: 'start' })
        .points(total, { series: 2, r: 3 })
        .svg();
    },
  },
  {
    slug: 'overfitting',
    alt: 'Fifteen noisy samples of y = sin(x) with three least-squares polynomial fits: a straight line underfits and misses the curve; a cubic follows the true curve closely; a degree-12 polynomial passes near every sample but swings wildly between them, especially near the ends.',
    draw: () => {
      const u = rng(21);
      const z = normal(u);
      const xs = Array.from({ length: 15 }, (_, i) => -3 + (6 * (i + 0.5)) / 15 + 0.15 * (u() - 0.5));
      const ys = xs.map((x) => Math.sin(x) + 0.25 * z());
      return new Chart({
        title: 'Underfitting, a good fit and overfitting',
        desc: 'Least-squares polynomials of degree 1, 3 and 12 through 15 samples of sin(x) + N(0, 0.25²).',
        x: { domain: [-3.2, 3.2], label: 'x' },
        y: { domain: [-2, 2], label: 'y' },
        legend: 'below',
      })
        .fn(Math.sin, { series: 4, label: 'true sin(x)', dash: '2 3', width: 1.5 })
        .fn(polyfit(xs, ys, 1, 3), { series: 1, label: 'degree 1' })
        .fn(polyfit(xs, ys, 3, 3), { series: 0, label: 'degree 3' })
        .fn(polyfit(xs, ys, 12, 3), { series: 2, label: 'degree 12' }, [-3.2, 3.2], 400)
        .points(xs.map((x, i): Point => [x, ys[i]!]), { series: 3, r: 4 })
        .svg();
    },
  },
  {
    slug: 'roc-auc',
    alt: 'ROC curves (true-positive rate against false-positive rate) of scores whose positives and negatives are normal with separations d′ = 0.5, 1 and 2, with areas under the curve 0.64, 0.76 and 0.92, above the chance diagonal (AUC 0.5). A marked point at FPR 0.01, TPR 0.90 shows, by the rectangle under it, that such a point alone implies AUC ≥ 0.89.',
    draw: () => {
      const chart = new Chart({
        title: 'ROC curves and their areas',
        desc: 'Binormal scores, negatives N(0, 1) and positives N(d′, 1): TPR = 1 − Φ(t − d′), FPR = 1 − Φ(t), AUC = Φ(d′/√2).',
        x: { domain: [0, 1], label: 'false-positive rate' },
        y: { domain: [0, 1], label: 'true-positive rate' },
        legend: 'bottom-right',
        height: 360,
      });
      chart.band([[0.01, 0.9], [1, 0.9]], [[0.01, 0], [1, 0]], 4, 0.18);
      [0.5, 1, 2].forEach((d, i) => {
        const pts = Array.from({ length: 161 }, (_, k): Point => {
          const t = -5 + (10 * k) / 160 + d / 2;
          return [1 - normalCdf(t), 1 - normalCdf(t - d)];
        });
        chart.line([[1, 1], ...pts, [0, 0]], { series: i, label: `d′ = ${d}, AUC ${normalCdf(d / Math.SQRT2).toFixed(2)}` });
      });
      return chart
        .line([[0, 0], [1, 1]], { series: 5, dash: '3 4', width: 1.5, label: 'chance, AUC 0.50' })
        .points([[0.01, 0.9]], { series: 4, r: 5 })
        .label(0.01, 0.9, 'TPR 0.90 at FPR 0.01', { anchor: 'start', dx: 10, dy: -8 })
        .svg();
    },
  },
  {
    slug: 'precision-recall-f1',
    alt: 'Precision–recall curves at 1% prevalence for binormal scores with separations d′ = 2 and 3, above the no-skill line at precision 0.01; the card’s example model, precision 0.40 at recall 0.80 (F1 ≈ 0.53), is marked, with the curve of all points that share its F1.',
    draw: () => {
      const prevalence = 0.01;
      const chart = new Chart({
        title: 'Precision and recall at 1% prevalence',
        desc: 'P = π·TPR / (π·TPR + (1 − π)·FPR) with π = 0.01 for binormal scores, and the F1 = 0.53 contour.',
        x: { domain: [0, 1], label: 'recall' },
        y: { domain: [0, 1], label: 'precision' },
        legend: 'top-right',
      });
      [2, 3].forEach((d, i) => {
        const pts = Array.from({ length: 161 }, (_, k): Point => {
          const t = -3 + (12 * k) / 160;
          const tpr = 1 - normalCdf(t - d);
          const fpr = 1 - normalCdf(t);
          return [tpr, (prevalence * tpr) / (prevalence * tpr + (1 - prevalence) * fpr)];
        }).filter(([r]) => r > 0.001);
        chart.line(pts, { series: i, label: `d′ = ${d}` });
      });
      const f1 = (2 * 0.4 * 0.8) / 1.2;
      return chart
        .fn((r) => (f1 * r) / (2 * r - f1), { series: 3, dash: '2 3', width: 1.5, label: `F1 = ${f1.toFixed(2)}` }, [f1 / 2 + 0.02, 1])
        .rule('y', prevalence, 'no skill: precision 0.01', { anchor: 'start' })
        .points([[0.8, 0.4]], { series: 3, r: 5 })
        .label(0.8, 0.4, 'P 0.40, R 0.80', { anchor: 'end', dx: -8, dy: -8 })
        .svg();
    },
  },
  {
    slug: 'calibration',
    alt: 'Reliability diagram from 20,000 simulated predictions of an overconfident model: in each confidence bin the observed frequency of positives is further from 0.5 than perfect calibration (the diagonal) allows, so predictions of about 0.9 come true only about 70% of the time. After temperature scaling with T ≈ 2.6 the points lie on the diagonal.',
    draw: () => {
      const u = rng(9);
      const k = Math.log(9) / Math.log(7 / 3);
      const logit = (p: number) => Math.log(p / (1 - p));
      const sig = (x: number) => 1 / (1 + Math.exp(-x));
      const rows = Array.from({ length: 20000 }, () => {
        const p = 0.02 + 0.96 * u();
        return { raw: sig(k * logit(p)), scaled: p, y: u() < p ? 1 : 0 };
      });
      const bins = (key: 'raw' | 'scaled') =>
        Array.from({ length: 10 }, (_, b) => rows.filter((r) => Math.min(9, Math.floor(r[key] * 10)) === b))
          .filter((bin) => bin.length > 50)
          .map((bin): Point => [mean(bin.map((r) => r[key])), mean(bin.map((r) => r.y))]);
      const raw = bins('raw');
      const scaled = bins('scaled');
      return new Chart({
        title: 'Reliability diagram',
        desc: `Observed frequency against mean confidence in ten bins, before and after temperature scaling (T = ${k.toFixed(2)}).`,
        x: { domain: [0, 1], label: 'predicted probability' },
        y: { domain: [0, 1], label: 'observed frequency' },
        legend: 'top-left',
      })
        .line([[0, 0], [1, 1]], { series: 5, dash: '3 4', width: 1.5, label: 'perfect calibration' })
        .line(raw, { series: 1, label: 'overconfident model' })
        .points(raw, { series: 1, r: 4.5 })
        .line(scaled, { series: 0, label: 'after temperature scaling' })
        .points(scaled, { series: 0, r: 4, shape: 'square' })
        .svg();
    },
  },
  {
    slug: 'bootstrap',
    alt: 'Histogram of accuracy over 2,000 bootstrap resamples of a 1,000-example test set on which a classifier is 85% accurate: the values centre on 85% and the 2.5th and 97.5th percentiles, about 82.8% and 87.2%, mark the 95% interval, matching the normal approximation drawn over it.',
    draw: () => {
      const u = rng(13);
      const correct = Array.from({ length: 1000 }, (_, i) => (i < 850 ? 1 : 0));
      const accs = Array.from({ length: 2000 }, () => {
        let s = 0;
        for (let i = 0; i < 1000; i++) s += correct[Math.floor(u() * 1000)]!;
        return s / 1000;
      }).sort((a, b) => a - b);
      const lo = accs[49]!;
      const hi = accs[1949]!;
      const counts = new Map<number, number>();
      for (const a of accs) {
        const bin = Math.round(a * 200) / 200;
        counts.set(bin, (counts.get(bin) ?? 0) + 1);
      }
      const se = Math.sqrt((0.85 * 0.15) / 1000);
      return new Chart({
        title: 'Bootstrap distribution of accuracy',
        desc: `2,000 resamples with replacement of 1,000 (prediction, label) pairs, 850 correct; 95% percentile interval ${pct(lo)}–${pct(hi)} to the nearest point (${(lo * 100).toFixed(1)}%–${(hi * 100).toFixed(1)}%).`,
        x: { domain: [0.81, 0.89], label: 'accuracy on a resample', format: pct, ticks: [0.82, 0.84, 0.86, 0.88] },
        y: { domain: [0, 400], label: 'resamples' },
      })
        .bars([...counts].sort((a, b) => a[0] - b[0]), { series: 0, width: 0.0045 })
        .fn((x) => 2000 * 0.005 * normalPdf(x, 0.85, se), { series: 1, dash: false, width: 2 }, [0.81, 0.89], 200)
        .rule('x', lo, `${(lo * 100).toFixed(1)}%`, { anchor: 'end' })
        .rule('x', hi, `${(hi * 100).toFixed(1)}%`)
        .svg();
    },
  },
  {
    slug: 'ab-testing',
    alt: 'Users needed per arm, n ≈ 16σ²/Δ², against the lift Δ to detect on a 5% conversion rate (two-sided 5% level, 80% power), on a log scale: about 30,400 per arm for half a percentage point and four times as many, about 121,600, for a quarter point.',
    draw: () => {
      const n = (delta: number) => (16 * 0.05 * 0.95) / delta ** 2;
      return new Chart({
        title: 'Sample size per arm against effect size',
        desc: 'n ≈ 16σ²/Δ² with σ² = 0.05 × 0.95 for lifts Δ from 0.1 to 2 percentage points.',
        x: { domain: [0.1, 2], label: 'lift to detect (percentage points)' },
        y: { domain: [1e3, 1e6], label: 'users per arm (log)', log: true },
      })
        .fn((d) => n(d / 100), { series: 0 }, [0.1, 2], 300)
        .points([[0.5, n(0.005)], [0.25, n(0.0025)]], { series: 1 })
        .label(0.5, n(0.005), `0.5 pt: ${Math.round(n(0.005) / 100) * 100}`, { anchor: 'start', dx: 8, dy: -6 })
        .label(0.25, n(0.0025), `0.25 pt: ${Math.round(n(0.0025) / 100) * 100}`, { anchor: 'start', dx: 8, dy: -6 })
        .svg();
    },
  },
  {
    slug: 'inter-annotator-agreement',
    alt: 'A 2 × 2 table of two annotators’ labels for 100 comments: both said not toxic 80 times, both toxic 10 times, and they disagreed 5 times each way. Agreement is 90%, but chance agreement is 74.5%, so Cohen’s kappa is about 0.61.',
    draw: () =>
      heatmap({
        title: 'Two annotators, 100 comments: κ ≈ 0.61',
        desc: 'Counts of label pairs: p_o = 0.90, p_e = 0.85² + 0.15² = 0.745, κ = (0.90 − 0.745)/(1 − 0.745).',
        values: [
          [80, 5],
          [5, 10],
        ],
        rows: ['not toxic', 'toxic'],
        cols: ['not toxic', 'toxic'],
        xLabel: 'annotator 2',
        yLabel: 'annotator 1',
        domain: [0, 80],
        cellText: (v) => String(v),
        cell: 90,
        width: 380,
      }),
  },
];
