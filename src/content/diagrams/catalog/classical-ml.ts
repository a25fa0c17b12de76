import { Chart } from '../chart.js';
import { covarianceEllipse, eigen2, mean, sigmoid, solve } from '../math.js';
import { normal, rng } from '../random.js';
import type { DiagramDefinition } from './types.js';

type Point = [number, number];

/** n points from a 2-D Gaussian with the given mean and covariance [[a, b], [b, d]]. */
function gaussianCloud(z: () => number, n: number, m: Point, a: number, b: number, d: number): Point[] {
  const l11 = Math.sqrt(a);
  const l21 = b / l11;
  const l22 = Math.sqrt(d - l21 * l21);
  return Array.from({ length: n }, () => {
    const [u, v] = [z(), z()];
    return [m[0] + l11 * u, m[1] + l21 * u + l22 * v];
  });
}

const dist2 = (p: Point, q: Point) => (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;

/** Lloyd's algorithm from the given centroids; returns assignments and the centroid path. */
function kMeans(points: Point[], init: Point[], rounds = 20): { labels: number[]; paths: Point[][] } {
  let centroids = init;
  const paths = init.map((c) => [c]);
  let labels: number[] = [];
  for (let r = 0; r < rounds; r++) {
    labels = points.map((p) => centroids.reduce((best, c, k) => (dist2(p, c) < dist2(p, centroids[best]!) ? k : best), 0));
    centroids = centroids.map((c, k) => {
      const mine = points.filter((_, i) => labels[i] === k);
      return mine.length ? [mean(mine.map((p) => p[0])), mean(mine.map((p) => p[1]))] : c;
    });
    centroids.forEach((c, k) => paths[k]!.push(c));
  }
  return { labels, paths };
}

/** DBSCAN: cluster ids from 0, −1 for noise. */
function dbscan(points: Point[], eps: number, minPts: number): number[] {
  const labels = new Array<number>(points.length).fill(-2);
  const near = (i: number) => points.flatMap((q, j) => (dist2(points[i]!, q) <= eps * eps ? [j] : []));
  let cluster = -1;
  points.forEach((_, i) => {
    if (labels[i] !== -2) return;
    const seeds = near(i);
    if (seeds.length < minPts) return void (labels[i] = -1);
    labels[i] = ++cluster;
    const queue = seeds.filter((j) => j !== i);
    while (queue.length) {
      const j = queue.shift()!;
      if (labels[j] === -1) labels[j] = cluster;
      if (labels[j] !== -2) continue;
      labels[j] = cluster;
      const more = near(j);
      if (more.length >= minPts) queue.push(...more);
    }
  });
  return labels;
}

export const classicalMlDiagrams: DiagramDefinition[] = [
  {
    slug: 'k-means',
    alt: 'k-means with k = 3 on 150 points drawn from three Gaussian blobs: starting from three centroids placed close together, Lloyd’s algorithm alternates assignment and averaging; the centroids’ paths end at the blob centres and each point is coloured by its final cluster.',
    draw: () => {
      const z = normal(rng(17));
      const points = [...gaussianCloud(z, 50, [-2, 2], 0.5, 0, 0.5), ...gaussianCloud(z, 50, [2, 2.5], 0.6, 0.2, 0.4), ...gaussianCloud(z, 50, [0, -2], 0.5, -0.1, 0.6)];
      const { labels, paths } = kMeans(points, [[-0.5, 0.2], [0, 0.6], [0.5, 0.2]]);
      const chart = new Chart({
        title: 'k-means, k = 3',
        desc: 'Points coloured by final cluster; crosses trace each centroid from its start to convergence.',
        x: { domain: [-4.5, 4.5], label: 'feature 1' },
        y: { domain: [-4, 4.5], label: 'feature 2' },
        height: 340,
      });
      [0, 1, 2].forEach((k) => chart.points(points.filter((_, i) => labels[i] === k), { series: k, r: 3.5, shape: (['circle', 'square', 'ring'] as const)[k] }));
      paths.forEach((path) => chart.line(path, { series: 4, dash: false, width: 2 }).points([path.at(-1)!], { series: 4, shape: 'cross', r: 8 }).points([path[0]!], { series: 4, shape: 'ring', r: 5 }));
      return chart.svg();
    },
  },
  {
    slug: 'dbscan',
    alt: 'DBSCAN with ε = 0.2 and minPts = 5 on two interleaved half-moons plus scattered noise: it finds the two crescents as two clusters, whatever their curved shape, and marks the isolated points as noise (crosses) instead of assigning them to a cluster.',
    draw: () => {
      const u = rng(23);
      const z = normal(u);
      const moon = (k: number): Point[] =>
        Array.from({ length: 150 }, () => {
          const t = Math.PI * u();
          return k === 0 ? [Math.cos(t) + 0.06 * z(), Math.sin(t) + 0.06 * z()] : [1 - Math.cos(t) + 0.06 * z(), 0.5 - Math.sin(t) + 0.06 * z()];
        });
      const noise: Point[] = Array.from({ length: 20 }, () => [-1.4 + 4 * u(), -1 + 2.6 * u()]);
      const points = [...moon(0), ...moon(1), ...noise];
      const labels = dbscan(points, 0.2, 5);
      // The card's point: the two crescents come out as two clusters, the scattered points as noise.
      if (Math.max(...labels) !== 1) throw new Error(`dbscan diagram: ${Math.max(...labels) + 1} clusters, expected 2`);
      const chart = new Chart({
        title: 'DBSCAN on two half-moons',
        desc: 'Clusters found with ε = 0.2 and minPts = 5; noise points shown as crosses.',
        x: { domain: [-1.5, 2.6], label: 'x₁' },
        y: { domain: [-1.1, 1.7], label: 'x₂' },
        legend: 'below',
      });
      const clusters = Math.max(...labels) + 1;
      for (let k = 0; k < clusters; k++) chart.points(points.filter((_, i) => labels[i] === k), { series: k, r: 3.5, label: `cluster ${k + 1}`, shape: k === 1 ? 'square' : 'circle' });
      return chart.points(points.filter((_, i) => labels[i] === -1), { series: 3, shape: 'cross', r: 4.5, label: 'noise' }).svg();
    },
  },
  {
    slug: 'gaussian-mixture-models',
    alt: 'A two-component Gaussian mixture fitted by expectation–maximisation to an elongated, tilted cloud of points and an overlapping round one: the fitted components are drawn as 1σ and 2σ ellipses, one tilted and narrow, one round, and each point is coloured by the component with the larger responsibility.',
    draw: () => {
      const z = normal(rng(29));
      const points = [...gaussianCloud(z, 160, [-1, -0.5], 2.2, 1.5, 1.2), ...gaussianCloud(z, 100, [2, 1.5], 0.5, 0, 0.5)];
      type Component = { w: number; m: Point; a: number; b: number; d: number };
      let comps: Component[] = [
        { w: 0.5, m: [-2, 0], a: 1, b: 0, d: 1 },
        { w: 0.5, m: [2, 0], a: 1, b: 0, d: 1 },
      ];
      const density = (c: Component, p: Point) => {
        const det = c.a * c.d - c.b * c.b;
        const [x, y] = [p[0] - c.m[0], p[1] - c.m[1]];
        const q = (c.d * x * x - 2 * c.b * x * y + c.a * y * y) / det;
        return (c.w * Math.exp(-q / 2)) / (2 * Math.PI * Math.sqrt(det));
      };
      let resp: number[][] = [];
      for (let it = 0; it < 100; it++) {
        resp = points.map((p) => {
          const r = comps.map((c) => density(c, p));
          const s = r[0]! + r[1]!;
          return r.map((v) => v / s);
        });
        comps = comps.map((_, k) => {
          const nk = resp.reduce((s, r) => s + r[k]!, 0);
          const mx = resp.reduce((s, r, i) => s + r[k]! * points[i]![0], 0) / nk;
          const my = resp.reduce((s, r, i) => s + r[k]! * points[i]![1], 0) / nk;
          const cov = (f: (p: Point) => number) => resp.reduce((s, r, i) => s + r[k]! * f(points[i]!), 0) / nk;
          return { w: nk / points.length, m: [mx, my], a: cov((p) => (p[0] - mx) ** 2), b: cov((p) => (p[0] - mx) * (p[1] - my)), d: cov((p) => (p[1] - my) ** 2) };
        });
      }
      const chart = new Chart({
        title: 'A two-component Gaussian mixture',
        desc: 'EM with full covariances, 100 iterations; 1σ and 2σ ellipses of each fitted component.',
        x: { domain: [-5, 4], label: 'basket size (standardised)' },
        y: { domain: [-4, 3.5], label: 'visits' },
        height: 340,
      });
      [0, 1].forEach((k) => chart.points(points.filter((_, i) => resp[i]![k]! >= 0.5), { series: k, r: 3, shape: k ? 'square' : 'circle' }));
      comps.forEach((c, k) => {
        chart.line(covarianceEllipse(c.m[0], c.m[1], c.a, c.b, c.d, 1), { series: k, dash: false, width: 2.5 });
        chart.line(covarianceEllipse(c.m[0], c.m[1], c.a, c.b, c.d, 2), { series: k, dash: '6 4', width: 2 });
      });
      return chart.svg();
    },
  },
  {
    slug: 'principal-component-analysis',
    alt: 'Three hundred points from a two-dimensional Gaussian with covariance [[3, 1], [1, 3]], with the two principal directions drawn from the centre: the first, along (1, 1), is twice as long in variance as the second, along (1, −1), and explains about two thirds of the variance.',
    draw: () => {
      const z = normal(rng(31));
      const points = gaussianCloud(z, 300, [0, 0], 3, 1, 3);
      const mx = mean(points.map((p) => p[0]));
      const my = mean(points.map((p) => p[1]));
      const cov = (f: (p: Point) => number) => mean(points.map(f));
      const { values, vectors } = eigen2(cov((p) => (p[0] - mx) ** 2), cov((p) => (p[0] - mx) * (p[1] - my)), cov((p) => (p[1] - my) ** 2));
      const share = values[0] / (values[0] + values[1]);
      const chart = new Chart({
        title: 'Principal components of a correlated cloud',
        desc: `Sample eigenvalues ${values[0].toFixed(2)} and ${values[1].toFixed(2)} (population 4 and 2); PC1 explains ${Math.round(share * 100)}% of the variance. Arrows are 2 standard deviations long.`,
        x: { domain: [-6, 6], label: 'feature 1' },
        y: { domain: [-6, 6], label: 'feature 2' },
        width: 420,
        height: 420,
      }).points(points, { series: 5, r: 2.5 });
      vectors.forEach((v, k) => {
        const len = 2 * Math.sqrt(values[k]!);
        chart.arrow([mx, my], [mx + len * v[0] * (k === 0 ? Math.sign(v[0]) : 1), my + len * v[1] * (k === 0 ? Math.sign(v[0]) : 1)], k, 3.5);
      });
      return chart
        .label(3.2, 3.6, `PC1: ${Math.round(share * 100)}%`, { anchor: 'start', series: 0 })
        .label(-3.4, 3.4, `PC2: ${Math.round((1 - share) * 100)}%`, { anchor: 'end', series: 1 })
        .svg();
    },
  },
  {
    slug: 'linear-regression',
    alt: 'The least-squares line y = 0.67 + 1.5x through the points (1, 2), (2, 4) and (3, 5), with the vertical residuals −0.17, 0.33 and −0.17 drawn from each point to the line; they sum to zero.',
    draw: () => {
      const pts: Point[] = [[1, 2], [2, 4], [3, 5]];
      const xbar = 2;
      const ybar = 11 / 3;
      const b = pts.reduce((s, [x, y]) => s + (x - xbar) * (y - ybar), 0) / pts.reduce((s, [x]) => s + (x - xbar) ** 2, 0);
      const a = ybar - b * xbar;
      const chart = new Chart({
        title: 'A least-squares line and its residuals',
        desc: `ŷ = ${a.toFixed(2)} + ${b}x fitted to (1, 2), (2, 4), (3, 5).`,
        x: { domain: [0, 4], label: 'x' },
        y: { domain: [0, 6.5], label: 'y' },
      }).fn((x) => a + b * x, { series: 0, label: `ŷ = ${a.toFixed(2)} + ${b}x` }, [0, 4], 2);
      for (const [x, y] of pts) {
        const r = y - (a + b * x);
        chart.line([[x, y], [x, a + b * x]], { series: 1, dash: '3 3', width: 2 }).label(x, y, `r = ${r > 0 ? '' : '−'}${Math.abs(r).toFixed(2)}`, { anchor: 'start', dx: 8, dy: r > 0 ? -6 : 16 });
      }
      return chart.points(pts, { series: 1, r: 5 }).svg();
    },
  },
  {
    slug: 'logistic-regression',
    alt: 'The logistic function σ(z) = 1/(1 + e^−z) turning log-odds into a probability, with the spam example marked: log-odds −2 (no “free”) gives P(spam) ≈ 0.12 and log-odds −0.8 (with “free”, weight 1.2) gives about 0.31.',
    draw: () =>
      new Chart({
        title: 'From log-odds to probability',
        desc: 'σ(z) for z from −6 to 6, with σ(−2) ≈ 0.12 and σ(−0.8) ≈ 0.31.',
        x: { domain: [-6, 6], label: 'log-odds z = wᵀx + b' },
        y: { domain: [0, 1], label: 'P(spam)' },
      })
        .fn(sigmoid)
        .points([[-2, sigmoid(-2)], [-0.8, sigmoid(-0.8)]], { series: 1, r: 5 })
        .label(-2, sigmoid(-2), `no “free”: ${sigmoid(-2).toFixed(2)}`, { anchor: 'end', dx: -8, dy: -8 })
        .label(-0.8, sigmoid(-0.8), `with “free”: ${sigmoid(-0.8).toFixed(2)}`, { anchor: 'start', dx: 10, dy: 16 })
        .rule('y', 0.5, '0.5', { anchor: 'start' })
        .svg(),
  },
  {
    slug: 'k-nearest-neighbors',
    alt: 'A query point with its three nearest training points at distances 0.4 (class B), 0.7 (class A) and 0.9 (class A), and more distant points of both classes: the circle through the nearest point decides 1-NN (class B); the circle through the third decides 3-NN by majority (class A).',
    draw: () => {
      const at = (r: number, deg: number): Point => [r * Math.cos((deg * Math.PI) / 180), r * Math.sin((deg * Math.PI) / 180)];
      const a: Point[] = [at(0.7, 200), at(0.9, 95), at(1.3, 150), at(1.5, 230), at(1.6, 120), at(1.9, 190)];
      const b: Point[] = [at(0.4, 330), at(1.2, 10), at(1.4, 300), at(1.7, 40), at(1.8, 330)];
      const chart = new Chart({
        title: '1-NN and 3-NN disagree',
        desc: 'Neighbours at distances 0.4 (B), 0.7 (A), 0.9 (A): 1-NN predicts B, 3-NN predicts A.',
        x: { domain: [-2.2, 2.2], label: 'feature 1 (standardised)' },
        y: { domain: [-2, 2], label: 'feature 2' },
        width: 440,
        height: 400,
        legend: 'below',
      });
      chart.ellipse(0, 0, 0.4, 0.4, 'ln', { 'stroke-dasharray': '4 4' }).ellipse(0, 0, 0.9, 0.9, 'ln', { 'stroke-dasharray': '8 4' });
      return chart
        .points(a, { series: 0, r: 6, label: 'class A' })
        .points(b, { series: 1, r: 6, shape: 'square', label: 'class B' })
        .points([[0, 0]], { series: 4, shape: 'cross', r: 7, label: 'query' })
        .label(0.28, -0.35, '1-NN', { anchor: 'start', dx: 4, dy: 20 })
        .label(0.64, 0.64, '3-NN', { anchor: 'start', dx: 4 })
        .svg();
    },
  },
  {
    slug: 'support-vector-machines',
    alt: 'A linear support vector machine on two separable classes: the maximum-margin boundary is the horizontal line x₂ = 0, the margin lines x₂ = ±1 pass through the three support vectors (two of one class, one of the other, ringed), and the other points lie beyond the margin and do not affect the solution.',
    draw: () => {
      // Chosen so that w = (0, 1), b = 0 satisfies the KKT conditions with multipliers 0.25, 0.25, 0.5.
      const pos: Point[] = [[-1, 1], [2, 1], [-2.5, 2.2], [0.5, 2.6], [2.8, 2.1], [-0.5, 3.3], [1.6, 3.4]];
      const neg: Point[] = [[0.5, -1], [-2.3, -1.8], [2.4, -1.6], [-1, -2.7], [1.2, -2.4], [3, -3], [-3, -3.1]];
      const chart = new Chart({
        title: 'The maximum-margin boundary',
        desc: 'Boundary wᵀx + b = 0 with w = (0, 1), b = 0; margin 2/‖w‖ = 2; support vectors (−1, 1), (2, 1) and (0.5, −1).',
        x: { domain: [-3.5, 3.5], label: 'x₁' },
        y: { domain: [-3.6, 3.8], label: 'x₂' },
        legend: 'below',
        height: 360,
      });
      chart.band([[-3.5, 1], [3.5, 1]], [[-3.5, -1], [3.5, -1]], 5, 0.12);
      return chart
        .line([[-3.5, 0], [3.5, 0]], { series: 4, dash: false, width: 3, label: 'boundary' })
        .line([[-3.5, 1], [3.5, 1]], { series: 4, dash: '6 4', width: 1.5, label: 'margin' })
        .line([[-3.5, -1], [3.5, -1]], { series: 4, dash: '6 4', width: 1.5 })
        .points(pos, { series: 0, r: 5, label: 'positive' })
        .points(neg, { series: 1, r: 5, shape: 'square', label: 'negative' })
        .points([[-1, 1], [2, 1], [0.5, -1]], { series: 4, shape: 'ring', r: 10, label: 'support vector' })
        .svg();
    },
  },
  {
    slug: 'gradient-boosting',
    alt: 'Gradient boosting with depth-1 regression trees and learning rate ν = 0.1 fitted to 80 noisy samples of a wavy function: after 1 round the model is almost flat at the mean, after 10 rounds it has the coarse shape, and after 200 rounds it follows the data closely.',
    draw: () => {
      const u = rng(37);
      const z = normal(u);
      const f = (x: number) => Math.sin(1.5 * x) + 0.3 * x;
      const xs = Array.from({ length: 80 }, () => 6 * u() - 3).sort((a, b) => a - b);
      const ys = xs.map((x) => f(x) + 0.3 * z());
      const stumps: { t: number; left: number; right: number }[] = [];
      const base = mean(ys);
      const F = xs.map(() => base);
      const snapshot = new Map<number, { t: number; left: number; right: number }[]>();
      for (let m = 1; m <= 200; m++) {
        const r = ys.map((y, i) => y - F[i]!);
        let best = { t: 0, left: 0, right: 0, sse: Infinity };
        for (let s = 1; s < xs.length; s++) {
          const left = mean(r.slice(0, s));
          const right = mean(r.slice(s));
          const sse = r.reduce((acc, v, i) => acc + (v - (i < s ? left : right)) ** 2, 0);
          if (sse < best.sse) best = { t: (xs[s - 1]! + xs[s]!) / 2, left, right, sse };
        }
        stumps.push({ t: best.t, left: 0.1 * best.left, right: 0.1 * best.right });
        xs.forEach((x, i) => (F[i]! += x < best.t ? 0.1 * best.left : 0.1 * best.right));
        if (m === 1 || m === 10 || m === 200) snapshot.set(m, [...stumps]);
      }
      const model = (m: number) => (x: number) => base + snapshot.get(m)!.reduce((s, st) => s + (x < st.t ? st.left : st.right), 0);
      return new Chart({
        title: 'Boosting stumps, ν = 0.1',
        desc: 'F_m = F_{m−1} + 0.1·h_m, each h_m a depth-1 tree fitted to the residuals, after 1, 10 and 200 rounds.',
        x: { domain: [-3, 3], label: 'x' },
        y: { domain: [-2.5, 2.5], label: 'y' },
        legend: 'below',
      })
        .points(xs.map((x, i): Point => [x, ys[i]!]), { series: 5, r: 3 })
        .fn(model(1), { series: 1, label: '1 round' }, [-3, 3], 600)
        .fn(model(10), { series: 2, label: '10 rounds' }, [-3, 3], 600)
        .fn(model(200), { series: 0, label: '200 rounds', dash: false }, [-3, 3], 600)
        .svg();
    },
  },
  {
    slug: 'decision-trees',
    alt: 'Impurity of a two-class node against the share p of positives: Gini impurity 2p(1 − p), entropy (halved to share the scale) and misclassification error all peak at p = 0.5 and vanish for pure nodes. The worked split is marked: the parent at p = 0.5 has Gini 0.5, the right child at p = 1/6 about 0.278, the pure left child 0.',
    draw: () => {
      const gini = (p: number) => 2 * p * (1 - p);
      return new Chart({
        title: 'Node impurity measures',
        desc: 'Gini 1 − p² − (1 − p)², entropy/2 and misclassification error min(p, 1 − p) for two classes.',
        x: { domain: [0, 1], label: 'share of positives p' },
        y: { domain: [0, 0.6], label: 'impurity' },
        legend: 'below',
      })
        .fn(gini, { series: 0, label: 'Gini' })
        .fn((p) => (p <= 0 || p >= 1 ? 0 : -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p)) / 2), { series: 1, label: 'entropy / 2' })
        .fn((p) => Math.min(p, 1 - p), { series: 2, label: 'misclassification' })
        .points([[0.5, 0.5], [1 / 6, gini(1 / 6)], [1, 0]], { series: 3, r: 5 })
        .label(0.5, 0.5, 'parent 0.5', { anchor: 'start', dx: 8, dy: -8 })
        .label(1 / 6, gini(1 / 6), 'right child 0.278', { anchor: 'start', dx: 8, dy: 18 })
        .label(1, 0, 'left child 0', { anchor: 'end', dx: -8, dy: -8 })
        .svg();
    },
  },
  {
    slug: 'lasso-l1',
    alt: 'How the lasso and ridge regression change a least-squares coefficient z when the features are orthonormal, with λ = 1: the lasso soft-thresholds, setting every |z| ≤ 1 exactly to zero and shrinking larger ones by 1; ridge scales every coefficient by the same factor and never reaches zero. The card’s coefficients 3.0, −0.4, 0.8 and −2.5 are marked on the lasso curve: they become 2.0, 0, 0 and −1.5.',
    draw: () => {
      const soft = (z: number) => Math.sign(z) * Math.max(Math.abs(z) - 1, 0);
      return new Chart({
        title: 'Soft thresholding and ridge shrinkage, λ = 1',
        desc: 'Lasso: sign(z)·max(|z| − λ, 0). Ridge (penalty (λ/2)‖w‖²): z/(1 + λ). Least squares: z.',
        x: { domain: [-3.5, 3.5], label: 'least-squares coefficient z' },
        y: { domain: [-3.5, 3.5], label: 'penalised coefficient' },
        legend: 'top-left',
      })
        .fn((z) => z, { series: 5, label: 'least squares', width: 1.5 }, [-3.5, 3.5], 2)
        .fn((z) => z / 2, { series: 1, label: 'ridge' }, [-3.5, 3.5], 2)
        .line([[-3.5, -2.5], [-1, 0], [1, 0], [3.5, 2.5]], { series: 0, label: 'lasso', dash: false, width: 3 })
        .points([3, -0.4, 0.8, -2.5].map((z): Point => [z, soft(z)]), { series: 0, r: 5 })
        .svg();
    },
  },
  {
    slug: 'l2-weight-decay',
    alt: 'Ridge regression coefficients of two nearly identical features against the penalty λ on a log scale: with almost no penalty the fit gives them opposite signs (about 3.2 and −1.1) although each truly contributes 1; as λ grows the two coefficients come together near 1, small and stable; for very large λ both shrink to zero.',
    draw: () => {
      const z = normal(rng(41));
      const n = 50;
      const x1 = Array.from({ length: n }, () => z());
      const x2 = x1.map((v) => v + 0.02 * z());
      const y = x1.map((v, i) => v + x2[i]! + 0.5 * z());
      const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
      const path = (l: number) => solve([[dot(x1, x1) + l, dot(x1, x2)], [dot(x1, x2), dot(x2, x2) + l]], [dot(x1, y), dot(x2, y)]);
      const lambdas = Array.from({ length: 121 }, (_, i) => 10 ** (-3 + (6 * i) / 120));
      const w = lambdas.map(path);
      if (!(w[0]![0]! > 2.5 && w[0]![1]! < -0.5)) throw new Error(`ridge diagram: unpenalised fit is (${w[0]![0]}, ${w[0]![1]}), not the unstable one the alt text describes`);
      const chart = new Chart({
        title: 'Ridge coefficients of two collinear features',
        desc: 'w(λ) = (XᵀX + λI)⁻¹Xᵀy for 50 samples with x₂ = x₁ + small noise and y = x₁ + x₂ + noise.',
        x: { domain: [1e-3, 1e3], label: 'penalty λ (log scale)', log: true },
        y: { domain: [Math.min(-4, Math.floor(Math.min(...w.map((v) => Math.min(v[0]!, v[1]!))))), Math.max(4, Math.ceil(Math.max(...w.map((v) => Math.max(v[0]!, v[1]!)))))], label: 'coefficient' },
        legend: 'top-right',
      });
      return chart
        .line(lambdas.map((l, i): Point => [l, w[i]![0]!]), { series: 0, label: 'w₁' })
        .line(lambdas.map((l, i): Point => [l, w[i]![1]!]), { series: 1, label: 'w₂' })
        .rule('y', 0, undefined, { dash: '' })
        .svg();
    },
  },
  {
    slug: 'elastic-net',
    alt: 'The regions where each penalty is at most 1, in two coefficients: the L1 ball (lasso) is a diamond with corners on the axes, the L2 ball (ridge) is a circle, and the elastic-net ball with equal weights on both lies between them, keeping the corners that produce exact zeros but with curved edges that treat correlated features alike.',
    draw: () => {
      const alpha = 0.5;
      const ball = (r: (s: number) => number): Point[] =>
        Array.from({ length: 241 }, (_, i) => {
          const t = (2 * Math.PI * i) / 240;
          const rad = r(Math.abs(Math.cos(t)) + Math.abs(Math.sin(t)));
          return [rad * Math.cos(t), rad * Math.sin(t)];
        });
      return new Chart({
        title: 'Penalty balls: L1, L2 and the elastic net',
        desc: '|w₁| + |w₂| ≤ 1, w₁² + w₂² ≤ 1, and 0.5(|w₁| + |w₂|) + 0.5(w₁² + w₂²) ≤ 1.',
        x: { domain: [-1.4, 1.4], label: 'w₁' },
        y: { domain: [-1.4, 1.4], label: 'w₂' },
        width: 400,
        height: 420,
        legend: 'below',
      })
        .line(ball(() => 1), { series: 1, label: 'L2 (ridge)' })
        .line(ball((s) => 1 / s), { series: 0, label: 'L1 (lasso)', dash: false })
        .line(ball((s) => (-alpha * s + Math.sqrt(alpha * alpha * s * s + 4 * (1 - alpha))) / (2 * (1 - alpha))), { series: 2, label: 'elastic net, 50/50' })
        .svg();
    },
  },
];
