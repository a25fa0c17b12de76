import { num, rect, svgDocument, text } from './svg.js';

export interface HeatmapSpec {
  title: string;
  desc: string;
  /** Row-major values. */
  values: number[][];
  rows?: string[];
  cols?: string[];
  /** The values the colour scale spans. */
  domain: [number, number];
  /** Print each cell's value (with this format). */
  cellText?: (value: number, row: number, col: number) => string;
  xLabel?: string;
  yLabel?: string;
  /** Cells to outline, as [row, col]. */
  outline?: [number, number][];
  /** Cells left blank (masked). */
  blank?: (row: number, col: number) => boolean;
  width?: number;
  /** Colour-scale caption under the grid. */
  scaleLabel?: string;
  /** Column labels turned to fit. */
  rotateCols?: boolean;
  /** Overrides the square cell size. */
  cell?: number;
}

/** Light yellow → green → dark blue (viridis-like), perceptually ordered, readable in both themes. */
const stops: [number, number, number][] = [
  [253, 231, 37],
  [94, 201, 98],
  [33, 145, 140],
  [59, 82, 139],
  [68, 1, 84],
];

export function colourOf(t: number): string {
  const clamped = Math.min(1, Math.max(0, t));
  const pos = clamped * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(pos));
  const f = pos - i;
  const [a, b] = [stops[i]!, stops[i + 1]!];
  const c = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Dark text on the light end of the scale, white on the dark end. */
const inkOf = (t: number) => (t < 0.45 ? 'on-light' : 'on-dark');

/** A matrix as coloured cells: attention weights, encodings, confusion matrices. */
export function heatmap(spec: HeatmapSpec): string {
  const nRows = spec.values.length;
  const nCols = spec.values[0]!.length;
  const width = spec.width ?? 480;
  const labelW = spec.rows ? 8 + Math.max(...spec.rows.map((r) => r.length)) * 8.6 : 0;
  const left = 16 + (spec.yLabel ? 22 : 0) + labelW;
  const colLabelH = spec.cols ? (spec.rotateCols ? 8 + Math.max(...spec.cols.map((c) => c.length)) * 7.6 : 24) : 0;
  const top = 14 + (spec.xLabel ? 24 : 0) + colLabelH;
  const cell = spec.cell ?? Math.min(56, (width - left - 16) / nCols);
  const gridH = cell * nRows;
  const scaleH = spec.scaleLabel ? 46 : 0;
  const height = Math.ceil(top + gridH + 16 + scaleH);
  const [lo, hi] = spec.domain;
  const body: string[] = [];
  if (spec.xLabel) body.push(text(left + (cell * nCols) / 2, 26, spec.xLabel, { size: 15 }));
  if (spec.yLabel) body.push(text(22, top + gridH / 2, spec.yLabel, { size: 15, rotate: -90, baseline: 'middle' }));
  spec.cols?.forEach((c, j) => {
    const x = left + cell * (j + 0.5);
    body.push(spec.rotateCols ? text(x + 4, top - 6, c, { size: 14, anchor: 'start', rotate: -60 }) : text(x, top - 8, c, { size: 14 }));
  });
  spec.rows?.forEach((r, i) => body.push(text(left - 8, top + cell * (i + 0.5), r, { size: 14, anchor: 'end', baseline: 'middle' })));
  spec.values.forEach((row, i) =>
    row.forEach((v, j) => {
      const x = left + cell * j;
      const y = top + cell * i;
      if (spec.blank?.(i, j)) {
        body.push(rect(x + 1, y + 1, cell - 2, cell - 2, 'grid', { fill: 'none', 'stroke-dasharray': '2 3' }));
        return;
      }
      const t = (v - lo) / (hi - lo);
      body.push(rect(x, y, cell, cell, undefined, cell < 12 ? { fill: colourOf(t) } : { fill: colourOf(t), stroke: '#ffffff', 'stroke-width': 0.5 }));
      const label = spec.cellText?.(v, i, j);
      if (label) body.push(text(x + cell / 2, y + cell / 2, label, { size: cell < 34 ? 12 : 14, baseline: 'middle', cls: inkOf(t) }));
    }),
  );
  for (const [i, j] of spec.outline ?? []) body.push(rect(left + cell * j, top + cell * i, cell, cell, 'hl', { 'stroke-width': 3 }));
  if (spec.scaleLabel) {
    const y = top + gridH + 18;
    const w = Math.min(240, cell * nCols);
    const steps = 24;
    for (let k = 0; k < steps; k++) body.push(rect(left + (w * k) / steps, y, w / steps + 0.5, 10, undefined, { fill: colourOf(k / (steps - 1)) }));
    body.push(text(left, y + 26, num(lo), { size: 12, anchor: 'start' }), text(left + w, y + 26, num(hi), { size: 12, anchor: 'end' }));
    body.push(text(left + w + 10, y + 9, spec.scaleLabel, { size: 13, anchor: 'start' }));
  }
  return svgDocument({ title: spec.title, desc: spec.desc, width, height, body });
}

export interface MatrixSpec {
  values: number[][];
  x: number;
  y: number;
  cell: number;
  domain: [number, number];
  cellText?: (value: number, row: number, col: number) => string;
  /** Cells to outline, as [row, col]. */
  outline?: [number, number][];
  /** A caption centred above the matrix. */
  caption?: string;
}

/** A matrix of coloured cells placed at (x, y), for figures that show several side by side. */
export function matrixAt(m: MatrixSpec): string[] {
  const out: string[] = [];
  const [lo, hi] = m.domain;
  if (m.caption) out.push(text(m.x + (m.cell * m.values[0]!.length) / 2, m.y - 10, m.caption, { size: 14 }));
  m.values.forEach((row, i) =>
    row.forEach((v, j) => {
      const t = (v - lo) / (hi - lo);
      const x = m.x + m.cell * j;
      const y = m.y + m.cell * i;
      out.push(rect(x, y, m.cell, m.cell, undefined, { fill: colourOf(t), stroke: '#ffffff', 'stroke-width': 1 }));
      const label = m.cellText?.(v, i, j);
      if (label) out.push(text(x + m.cell / 2, y + m.cell / 2, label, { size: m.cell < 34 ? 12 : 15, baseline: 'middle', cls: inkOf(t) }));
    }),
  );
  for (const [i, j] of m.outline ?? []) out.push(rect(m.x + m.cell * j, m.y + m.cell * i, m.cell, m.cell, 'hl', { 'stroke-width': 3 }));
  return out;
}
