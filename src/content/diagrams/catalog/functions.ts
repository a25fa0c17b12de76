import { Chart } from '../chart.js';
import { normalCdf, sigmoid } from '../math.js';
import type { DiagramDefinition } from './types.js';

/** Curves of the formulas that cards state: activations, losses, objectives. */
export const functionDiagrams: DiagramDefinition[] = [
  {
    slug: 'activation-functions',
    alt: 'ReLU, sigmoid, tanh and GELU plotted for x from −4 to 4: ReLU is zero for negative x and equals x after; sigmoid rises from 0 to 1 and tanh from −1 to 1, both flat at the ends; GELU follows ReLU but dips slightly below zero near x = −0.75.',
    draw: () =>
      new Chart({
        title: 'Activation functions',
        desc: 'ReLU(x) = max(0, x), sigmoid 1/(1 + e^−x), tanh(x) and GELU(x) = x·Φ(x) over x from −4 to 4.',
        x: { domain: [-4, 4], label: 'x' },
        y: { domain: [-1.2, 3], label: 'f(x)' },
        legend: 'top-left',
      })
        .fn((x) => Math.max(0, x), { series: 0, label: 'ReLU' })
        .fn(sigmoid, { series: 1, label: 'sigmoid' })
        .fn(Math.tanh, { series: 2, label: 'tanh' })
        .fn((x) => x * normalCdf(x), { series: 3, label: 'GELU' })
        .svg(),
  },
  {
    slug: 'softmax-cross-entropy',
    alt: 'Cross-entropy loss −log p plotted against p, the probability the model gives the true class: the loss is 0 at p = 1, about 0.69 at p = 0.5 and rises steeply towards infinity as p approaches 0. The gradient with respect to the true class logit, p − 1, is drawn for comparison.',
    draw: () =>
      new Chart({
        title: 'Cross-entropy loss of the true class',
        desc: 'L = −log p for the probability p the softmax gives the true class, and its gradient p − 1 with respect to that class logit.',
        x: { domain: [0, 1], label: 'p, probability of the true class' },
        y: { domain: [-1, 4], label: 'value' },
        legend: 'top-right',
      })
        .fn((p) => -Math.log(p), { series: 0, label: 'loss −log p' }, [0.01, 1])
        .fn((p) => p - 1, { series: 1, label: 'gradient p − 1' })
        .points([[0.5, Math.log(2)]], { series: 0 })
        .label(0.5, Math.log(2), 'p = 0.5: 0.69', { anchor: 'start', dx: 8, dy: -6 })
        .svg(),
  },
  {
    slug: 'focal-loss',
    alt: 'Focal loss −(1 − p)^γ log p against p, the probability of the true class, for γ = 0 (ordinary cross-entropy), 0.5, 1, 2 and 5: the larger γ, the closer the loss of well-classified examples (p above about 0.6) is to zero, while badly classified examples keep a large loss.',
    draw: () => {
      const chart = new Chart({
        title: 'Focal loss for several γ',
        desc: 'FL(p) = −(1 − p)^γ log p for γ = 0, 0.5, 1, 2, 5, as in Lin et al. (2017), figure 1.',
        x: { domain: [0, 1], label: 'p, probability of the true class' },
        y: { domain: [0, 5], label: 'loss' },
        legend: 'top-right',
      });
      [0, 0.5, 1, 2, 5].forEach((g, i) => chart.fn((p) => -((1 - p) ** g) * Math.log(p), { series: i, label: `γ = ${g}` }, [0.005, 1]));
      return chart.svg();
    },
  },
  {
    slug: 'quantile-loss',
    alt: 'The pinball (quantile) loss against the residual y − q for τ = 0.1, 0.5 and 0.9: each is a V with its tip at zero; for τ = 0.9 under-prediction (positive residual) costs 0.9 per unit and over-prediction 0.1, so minimising it pushes q up to the 90th percentile.',
    draw: () => {
      const chart = new Chart({
        title: 'Pinball loss for three quantiles',
        desc: 'ρ_τ(y, q) = τ(y − q) if y ≥ q, else (1 − τ)(q − y), for τ = 0.1, 0.5 and 0.9.',
        x: { domain: [-3, 3], label: 'residual y − q' },
        y: { domain: [0, 3], label: 'loss' },
        legend: 'top-left',
      });
      [0.1, 0.5, 0.9].forEach((tau, i) => chart.fn((r) => (r >= 0 ? tau * r : (tau - 1) * r), { series: i, label: `τ = ${tau}` }));
      return chart.svg();
    },
  },
  {
    slug: 'proximal-policy-optimization',
    alt: 'The PPO clipped objective for one sample as a function of the probability ratio r with ε = 0.2. With a positive advantage the objective grows with r until r = 1.2 and is flat after; with a negative advantage it is flat below r = 0.8 and falls with r above, so no step gains by moving r outside [0.8, 1.2].',
    draw: () =>
      new Chart({
        title: 'PPO clipped objective, ε = 0.2',
        desc: 'min(r·A, clip(r, 0.8, 1.2)·A) against the ratio r, for advantage A = 1 and A = −1 (Schulman et al., 2017, figure 1).',
        x: { domain: [0, 2], label: 'probability ratio r' },
        y: { domain: [-2, 1.6], label: 'L^CLIP' },
        legend: 'bottom-left',
      })
        .fn((r) => Math.min(r, Math.min(Math.max(r, 0.8), 1.2)), { series: 0, label: 'advantage A > 0' })
        .fn((r) => Math.min(-r, -Math.min(Math.max(r, 0.8), 1.2)), { series: 1, label: 'advantage A < 0' })
        .rule('x', 0.8, '1 − ε', { anchor: 'end' })
        .rule('x', 1.2, '1 + ε')
        .svg(),
  },
  {
    slug: 'chatbot-arena',
    alt: 'Expected win rate against the rating difference on the Elo scale, 1 / (1 + 10^(−Δ/400)): an S-shaped curve through 50% at equal ratings, about 64% at +100 points and 76% at +200 points.',
    draw: () =>
      new Chart({
        title: 'Win probability against rating difference',
        desc: 'P(i beats j) = 1 / (1 + 10^((Rj − Ri)/400)) for rating differences from −400 to 400.',
        x: { domain: [-400, 400], label: 'rating difference Rᵢ − Rⱼ' },
        y: { domain: [0, 1], label: 'P(i wins)', format: (v) => `${Math.round(v * 100)}%` },
      })
        .fn((d) => 1 / (1 + 10 ** (-d / 400)))
        .points([[100, 1 / (1 + 10 ** (-100 / 400))], [200, 1 / (1 + 10 ** (-200 / 400))]], { series: 1 })
        .label(100, 1 / (1 + 10 ** (-0.25)), '+100: 64%', { anchor: 'start', dx: 8, dy: 14 })
        .label(200, 1 / (1 + 10 ** (-0.5)), '+200: 76%', { anchor: 'start', dx: 8, dy: 14 })
        .svg(),
  },
];
