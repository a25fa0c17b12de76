import { blocks, type Box } from '../blocks.js';
import { rect, text } from '../svg.js';
import type { DiagramDefinition } from './types.js';

const plain = (x: number, y: number, label: string | string[], size = 15): Box => ({ x, y, label, shape: 'plain', size });
const sum = (x: number, y: number): Box => ({ x, y, label: '+', shape: 'sum' });

/** A dashed frame around part of a diagram, with a caption in its corner. */
function frame(x: number, y: number, w: number, h: number, caption: string): string[] {
  return [rect(x, y, w, h, 'grid', { fill: 'none', rx: 10, 'stroke-dasharray': '6 5', 'stroke-width': 1.5 }), text(x + 10, y + 20, caption, { anchor: 'start', size: 13, cls: 'mu' })];
}

/** Networks and systems as boxes and arrows. */
export const architectureDiagrams: DiagramDefinition[] = [
  {
    slug: 'residual-connections',
    alt: 'A residual block: the input x goes through a 3×3 convolution with batch normalisation, a ReLU, and a second 3×3 convolution with batch normalisation, giving F(x); a shortcut carries x unchanged around these layers to an addition, and the block outputs ReLU(F(x) + x).',
    draw: () =>
      blocks({
        title: 'A residual block',
        desc: 'y = ReLU(F(x) + x), F being two 3×3 convolutions with batch normalisation and a ReLU between them (He et al., 2016).',
        height: 430,
        boxes: {
          x: plain(200, 30, 'x'),
          conv1: { x: 200, y: 95, w: 190, label: '3×3 conv, BN', series: 0 },
          relu1: { x: 200, y: 160, w: 110, label: 'ReLU', series: 2 },
          conv2: { x: 200, y: 225, w: 190, label: '3×3 conv, BN', series: 0 },
          add: sum(200, 295),
          relu2: { x: 200, y: 350, w: 110, label: 'ReLU', series: 2 },
          y: plain(200, 410, 'y = ReLU(F(x) + x)'),
        },
        arrows: [
          { from: 'x', to: 'conv1' },
          { from: 'conv1', to: 'relu1' },
          { from: 'relu1', to: 'conv2' },
          { from: 'conv2', to: 'add' },
          { from: 'add', to: 'relu2' },
          { from: 'relu2', to: 'y' },
          { from: 'x', to: 'add', fromSide: 'right', toSide: 'right', via: [[370, 30], [370, 295]], label: 'identity shortcut x', labelOffset: [-12, 0] },
        ],
        over: [text(70, 162, 'F(x)', { size: 16, weight: 'bold' }), text(70, 182, 'residual', { size: 13, cls: 'mu' })],
      }).replace('>identity shortcut x<', ' transform="rotate(90 358 162.5)">identity shortcut x<'),
  },
  {
    slug: 'pre-ln-transformers',
    alt: 'Two Transformer sublayers side by side. Post-LN: the input x goes through the sublayer F (attention or feed-forward), is added to x, and only then normalised, so the residual path itself passes through LayerNorm. Pre-LN: x is normalised first, goes through F, and the result is added to the untouched x, leaving a clean identity path from input to output.',
    draw: () =>
      blocks({
        title: 'Post-LN and Pre-LN sublayers',
        desc: 'Post-LN: x_{l+1} = LN(x_l + F(x_l)). Pre-LN: x_{l+1} = x_l + F(LN(x_l)).',
        height: 360,
        boxes: {
          px: plain(120, 330, 'xₗ'),
          pf: { x: 120, y: 250, w: 150, label: 'F: attention / FFN', series: 0, size: 14 },
          padd: sum(120, 180),
          pln: { x: 120, y: 120, w: 120, label: 'LayerNorm', series: 3 },
          pout: plain(120, 55, 'xₗ₊₁'),
          qx: plain(360, 330, 'xₗ'),
          qln: { x: 360, y: 260, w: 120, label: 'LayerNorm', series: 3 },
          qf: { x: 360, y: 190, w: 150, label: 'F: attention / FFN', series: 0, size: 14 },
          qadd: sum(360, 120),
          qout: plain(360, 55, 'xₗ₊₁'),
        },
        arrows: [
          { from: 'px', to: 'pf' },
          { from: 'pf', to: 'padd' },
          { from: 'padd', to: 'pln' },
          { from: 'pln', to: 'pout' },
          { from: 'px', to: 'padd', fromSide: 'left', toSide: 'left', via: [[30, 330], [30, 180]] },
          { from: 'qx', to: 'qln' },
          { from: 'qln', to: 'qf' },
          { from: 'qf', to: 'qadd' },
          { from: 'qadd', to: 'qout' },
          { from: 'qx', to: 'qadd', fromSide: 'right', toSide: 'right', via: [[455, 330], [455, 120]] },
        ],
        over: [text(120, 24, 'Post-LN', { size: 16, weight: 'bold' }), text(360, 24, 'Pre-LN', { size: 16, weight: 'bold' })],
      }),
  },
  {
    slug: 'transformer',
    alt: 'One Transformer layer in the pre-LN form: the hidden states h are normalised and passed through multi-head self-attention, and the result is added back to h; the sum is normalised and passed through a position-wise feed-forward network, and that result is added back again. The layer is repeated N times (6 in the original base model).',
    draw: () =>
      blocks({
        title: 'A Transformer layer (pre-LN)',
        desc: 'h′ = h + MultiHeadAttn(LN(h)), h″ = h′ + FFN(LN(h′)), stacked N times.',
        height: 470,
        boxes: {
          h: { ...plain(220, 445, 'h (one vector per token)'), w: 200 },
          ln1: { x: 220, y: 385, w: 130, label: 'LayerNorm', series: 3 },
          att: { x: 220, y: 320, w: 220, label: 'multi-head self-attention', series: 0, size: 14 },
          add1: sum(220, 260),
          ln2: { x: 220, y: 205, w: 130, label: 'LayerNorm', series: 3 },
          ffn: { x: 220, y: 140, w: 220, label: 'feed-forward network', series: 2, size: 14 },
          add2: sum(220, 80),
          out: plain(220, 28, 'h″ to the next layer'),
        },
        arrows: [
          { from: 'h', to: 'ln1' },
          { from: 'ln1', to: 'att' },
          { from: 'att', to: 'add1' },
          { from: 'add1', to: 'ln2' },
          { from: 'ln2', to: 'ffn' },
          { from: 'ffn', to: 'add2' },
          { from: 'add2', to: 'out' },
          { from: 'h', to: 'add1', fromSide: 'right', toSide: 'right', via: [[370, 445], [370, 260]] },
          { from: 'add1', to: 'add2', fromSide: 'right', toSide: 'right', via: [[370, 260], [370, 80]] },
        ],
        under: frame(70, 52, 380, 370, '× N layers'),
      }),
  },
  {
    slug: 'multi-head-attention',
    alt: 'Multi-head attention: the input X is projected separately for each of h heads into queries, keys and values; each head runs scaled dot-product attention in its own small subspace (64 dimensions each for BERT-base’s 12 heads of width 768); the h outputs are concatenated back to full width and mixed by the output projection W^O.',
    draw: () =>
      blocks({
        title: 'Multi-head attention',
        desc: 'MultiHead(X) = Concat(head₁, …, head_h)W^O with headᵢ = Attention(XWᵢ^Q, XWᵢ^K, XWᵢ^V); BERT-base: h = 12, 768 = 12 × 64.',
        height: 430,
        boxes: {
          x: plain(240, 405, 'X (n tokens × 768)'),
          h1: { x: 80, y: 300, w: 120, h: 56, label: ['head 1', '64 dims'], series: 0, size: 14 },
          h2: { x: 210, y: 300, w: 120, h: 56, label: ['head 2', '64 dims'], series: 0, size: 14 },
          hn: { x: 400, y: 300, w: 120, h: 56, label: ['head 12', '64 dims'], series: 0, size: 14 },
          cat: { x: 240, y: 185, w: 260, label: 'concatenate: 12 × 64 = 768', series: 3, size: 14 },
          wo: { x: 240, y: 115, w: 200, label: 'output projection W^O', series: 2, size: 14 },
          out: plain(240, 40, 'MultiHead(X) (n × 768)'),
        },
        arrows: [
          { from: 'x', to: 'h1', fromSide: 'top', toSide: 'bottom', via: [[240, 365], [80, 365]] },
          { from: 'x', to: 'h2', fromSide: 'top', toSide: 'bottom', via: [[240, 365], [210, 365]] },
          { from: 'x', to: 'hn', fromSide: 'top', toSide: 'bottom', via: [[240, 365], [400, 365]] },
          { from: 'h1', to: 'cat', fromSide: 'top', toSide: 'bottom', via: [[80, 240], [150, 240]] },
          { from: 'h2', to: 'cat', fromSide: 'top', toSide: 'bottom', via: [[210, 240], [230, 240]] },
          { from: 'hn', to: 'cat', fromSide: 'top', toSide: 'bottom', via: [[400, 240], [330, 240]] },
          { from: 'cat', to: 'wo' },
          { from: 'wo', to: 'out' },
        ],
        over: [text(305, 305, '…', { size: 22 }), text(240, 262, 'each: Attention(XWᵢQ, XWᵢK, XWᵢV)', { size: 13, cls: 'mu' })],
      }),
  },
  {
    slug: 'lora',
    alt: 'LoRA beside a frozen weight matrix: the input x goes through the pretrained matrix W₀ (4096 × 4096, frozen) and, in parallel, through a trainable low-rank path, A (8 × 4096) then B (4096 × 8, initialised to zero), scaled by α/r; the two results are added to give h = W₀x + (α/r)BAx. The rank-8 path has 65,536 parameters, about 0.4% of W₀’s 16,777,216.',
    draw: () =>
      blocks({
        title: 'A LoRA adapter on one weight matrix',
        desc: 'h = W₀x + (α/r)·BAx with r = 8: only A and B are trained.',
        height: 420,
        boxes: {
          x: plain(240, 372, 'x'),
          w0: { x: 120, y: 215, w: 160, h: 130, label: ['W₀', '4096 × 4096', 'frozen', '16.8 M weights'], series: 5, size: 14 },
          a: { x: 365, y: 285, w: 160, h: 44, label: 'A: 8 × 4096', series: 1, size: 14 },
          b: { x: 365, y: 150, w: 160, h: 56, label: ['B: 4096 × 8', 'initialised to 0'], series: 1, size: 14 },
          add: sum(240, 85),
          h: plain(240, 28, 'h = W₀x + (α/r)·BAx'),
        },
        arrows: [
          { from: 'x', to: 'w0', fromSide: 'top', toSide: 'bottom', via: [[240, 345], [120, 345]] },
          { from: 'x', to: 'a', fromSide: 'top', toSide: 'bottom', via: [[240, 345], [365, 345]] },
          { from: 'a', to: 'b', label: 'r = 8', labelOffset: [26, 4] },
          { from: 'w0', to: 'add', fromSide: 'top', toSide: 'left', via: [[120, 85]] },
          { from: 'b', to: 'add', fromSide: 'top', toSide: 'right', via: [[365, 85]], label: '× α/r', labelOffset: [26, 14] },
        ],
        over: [text(240, 405, 'trained: A and B, 65,536 weights (0.4% of W₀)', { size: 13, cls: 'mu' })],
      }),
  },
  {
    slug: 'mixture-of-experts',
    alt: 'A mixture-of-experts layer: a token’s vector x goes to a router, a softmax over 8 experts, which picks the top 2; only those two expert networks run on the token, and their outputs are added, weighted by the router’s gate values, so the layer holds 8 experts’ parameters but spends the compute of 2.',
    draw: () => {
      const boxes: Record<string, Box> = {
        x: plain(240, 385, 'token vector x'),
        router: { x: 240, y: 315, w: 250, label: 'router: g(x) = softmax(W_g x)', series: 3, size: 14 },
        sum: sum(240, 85),
        y: plain(240, 30, 'y = Σ top-2 gᵢ(x)·Eᵢ(x)'),
      };
      const chosen = [2, 5];
      for (let i = 0; i < 8; i++) boxes[`e${i}`] = { x: 44 + i * 56, y: 195, w: 48, h: 56, label: `E${i + 1}`, series: chosen.includes(i) ? 0 : undefined, dashed: !chosen.includes(i), size: 14 };
      return blocks({
        title: 'A mixture-of-experts layer, top-2 of 8',
        desc: 'y = Σ_{i ∈ Top2(g(x))} gᵢ(x)·Eᵢ(x): 8 expert MLPs, 2 of them run per token (as in Mixtral 8x7B).',
        height: 440,
        boxes,
        arrows: [
          { from: 'x', to: 'router' },
          ...chosen.map((i) => ({ from: 'router', to: `e${i}`, fromSide: 'top' as const, toSide: 'bottom' as const, label: `g${i + 1}` })),
          ...chosen.map((i) => ({ from: `e${i}`, to: 'sum', fromSide: 'top' as const })),
          { from: 'sum', to: 'y' },
        ],
        over: [text(240, 425, 'experts not chosen for this token stay idle (dashed)', { size: 13, cls: 'mu' })],
      });
    },
  },
  {
    slug: 'confounding',
    alt: 'A causal graph of the ice-cream example: hot weather (temperature) raises both ice-cream sales and drownings; there is no arrow from ice-cream sales to drownings, yet the two are correlated through their common cause, the confounder.',
    draw: () =>
      blocks({
        title: 'A confounder',
        desc: 'Temperature → ice-cream sales, temperature → drownings; no causal path from sales to drownings.',
        height: 300,
        boxes: {
          z: { x: 240, y: 60, w: 190, label: 'temperature Z', series: 4 },
          t: { x: 100, y: 230, w: 170, label: 'ice-cream sales T', series: 0 },
          y: { x: 380, y: 230, w: 160, label: 'drownings Y', series: 1 },
        },
        arrows: [
          { from: 'z', to: 't', fromSide: 'bottom', toSide: 'top' },
          { from: 'z', to: 'y', fromSide: 'bottom', toSide: 'top', label: 'γ = 2', labelOffset: [30, 0] },
          { from: 't', to: 'y', plain: true, dashed: true, label: 'correlated, no causal effect', labelOffset: [0, 40] },
        ],
      }),
  },
  {
    slug: 'instrumental-variables',
    alt: 'A causal graph for an instrumental variable: a randomly assigned prompt Z affects adoption of the budgeting feature X, which affects savings Y; unobserved motivation U affects both X and Y; Z has no path to Y except through X, which is what lets it identify X’s effect.',
    draw: () =>
      blocks({
        title: 'An instrument',
        desc: 'Z → X → Y with unobserved U → X and U → Y; no arrow from Z to Y (exclusion) and Z independent of U (randomised).',
        height: 300,
        boxes: {
          z: { x: 70, y: 210, w: 120, h: 56, label: ['prompt Z', '(randomised)'], series: 2, size: 14 },
          x: { x: 240, y: 210, w: 120, h: 56, label: ['adoption X'], series: 0, size: 14 },
          y: { x: 410, y: 210, w: 120, h: 56, label: ['savings Y'], series: 1, size: 14 },
          u: { x: 322, y: 65, w: 170, h: 56, label: ['motivation U', '(unobserved)'], dashed: true, size: 14 },
        },
        arrows: [
          { from: 'z', to: 'x' },
          { from: 'x', to: 'y', label: 'β', labelOffset: [0, -9] },
          { from: 'u', to: 'x', fromSide: 'bottom', toSide: 'top', dashed: true, via: [[280, 130]] },
          { from: 'u', to: 'y', fromSide: 'bottom', toSide: 'top', dashed: true, via: [[365, 130]] },
        ],
        over: [text(240, 285, 'β_IV = Cov(Y, Z) / Cov(X, Z)', { size: 14 })],
      }),
  },
  {
    slug: 'backdoor-adjustment',
    alt: 'A causal graph of the kidney-stone data: stone size Z affects both which treatment X is chosen and the chance of success Y, opening a backdoor path X ← Z → Y beside the causal arrow X → Y; adjusting for Z, by averaging the per-size success rates over the whole population’s mix of sizes, blocks the backdoor path.',
    draw: () =>
      blocks({
        title: 'A backdoor path and its adjustment',
        desc: 'X ← Z → Y is closed by conditioning on Z: P(y | do(x)) = Σ_z P(y | x, z)P(z).',
        height: 310,
        boxes: {
          z: { x: 240, y: 60, w: 180, label: 'stone size Z', series: 4 },
          x: { x: 100, y: 225, w: 150, label: 'treatment X', series: 0 },
          y: { x: 380, y: 225, w: 150, label: 'success Y', series: 1 },
        },
        arrows: [
          { from: 'z', to: 'x', fromSide: 'bottom', toSide: 'top', label: 'backdoor', labelOffset: [-34, 0] },
          { from: 'z', to: 'y', fromSide: 'bottom', toSide: 'top' },
          { from: 'x', to: 'y', label: 'causal effect' },
        ],
        over: [text(240, 292, 'P(y | do(x)) = Σ_z P(y | x, z) P(z)', { size: 14 })],
      }),
  },
];
