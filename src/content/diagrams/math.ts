/** Small numeric helpers the diagrams compute with. */

/** erf by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7: far below a pixel). */
export function erf(x: number): number {
  const sign = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return sign * y;
}

export const normalCdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
export const normalPdf = (x: number, mean = 0, sd = 1) => Math.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));

/** log Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let s = c[0]!;
  for (let i = 1; i < 9; i++) s += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

export function betaPdf(p: number, a: number, b: number): number {
  if (p <= 0 || p >= 1) return p === 0 && a < 1 ? Infinity : p === 1 && b < 1 ? Infinity : (p === 0 && a === 1) || (p === 1 && b === 1) ? Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b)) : 0;
  return Math.exp((a - 1) * Math.log(p) + (b - 1) * Math.log(1 - p) + logGamma(a + b) - logGamma(a) - logGamma(b));
}

/** C(n, k) as a float (exact for the small numbers diagrams use). */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

export function softmax(logits: number[], temperature = 1): number[] {
  const scaled = logits.map((z) => z / temperature);
  const max = Math.max(...scaled);
  const e = scaled.map((z) => Math.exp(z - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and square). */
export function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= M[r]![k]! * x[k]!;
    x[r] = s / M[r]![r]!;
  }
  return x;
}

/** Least-squares polynomial of `degree` through (xs, ys), as a function (x scaled to [−1, 1] by `scale`). */
export function polyfit(xs: number[], ys: number[], degree: number, scale = 1): (x: number) => number {
  const basis = (x: number) => Array.from({ length: degree + 1 }, (_, k) => (x / scale) ** k);
  const rows = xs.map(basis);
  const A = Array.from({ length: degree + 1 }, (_, i) => Array.from({ length: degree + 1 }, (_, j) => rows.reduce((s, r) => s + r[i]! * r[j]!, 0)));
  const b = Array.from({ length: degree + 1 }, (_, i) => rows.reduce((s, r, n) => s + r[i]! * ys[n]!, 0));
  const c = solve(A, b);
  return (x) => basis(x).reduce((s, v, k) => s + v * c[k]!, 0);
}

/** Eigenvalues (descending) and unit eigenvectors of a symmetric 2 × 2 matrix [[a, b], [b, d]]. */
export function eigen2(a: number, b: number, d: number): { values: [number, number]; vectors: [[number, number], [number, number]] } {
  const tr = a + d;
  const disc = Math.sqrt(((a - d) / 2) ** 2 + b * b);
  const l1 = tr / 2 + disc;
  const l2 = tr / 2 - disc;
  const v1: [number, number] = Math.abs(b) > 1e-12 ? [l1 - d, b] : a >= d ? [1, 0] : [0, 1];
  const n1 = Math.hypot(...v1);
  const u: [number, number] = [v1[0] / n1, v1[1] / n1];
  return { values: [l1, l2], vectors: [u, [-u[1], u[0]]] };
}

/** Points on the k-σ ellipse of a 2-D Gaussian (mean, covariance [[a, b], [b, d]]). */
export function covarianceEllipse(mx: number, my: number, a: number, b: number, d: number, k = 2, n = 72): [number, number][] {
  const { values, vectors } = eigen2(a, b, d);
  const [u, v] = vectors;
  return Array.from({ length: n + 1 }, (_, i) => {
    const t = (2 * Math.PI * i) / n;
    const p = k * Math.sqrt(values[0]) * Math.cos(t);
    const q = k * Math.sqrt(Math.max(0, values[1])) * Math.sin(t);
    return [mx + p * u[0] + q * v[0], my + p * u[1] + q * v[1]];
  });
}
