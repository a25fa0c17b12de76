import { arrowMarker, circle, dashes, el, line, num, polyline, rect, svgDocument, text } from './svg.js';

/** One axis: its domain, label, and ticks (chosen when not given). */
export interface Axis {
  domain: [number, number];
  label: string;
  log?: boolean;
  ticks?: number[];
  /** Tick label text; a number's shortest form by default. */
  format?: (value: number) => string;
  /** Named ticks instead of numbers (categorical axes), at 0, 1, 2… */
  names?: string[];
}

export interface ChartSpec {
  title: string;
  desc: string;
  x: Axis;
  y: Axis;
  width?: number;
  height?: number;
  /** Where the legend goes inside the plot; no legend when no mark has a label. */
  legend?: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' | 'below';
}

export interface LineStyle {
  series?: number;
  label?: string;
  /** Dashed by series unless false. */
  dash?: boolean | string;
  width?: number;
}

type Point = [number, number];

/** Evenly spaced samples of f over [a, b]. */
export function sample(f: (x: number) => number, a: number, b: number, n = 200): Point[] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const x = a + ((b - a) * i) / n;
    return [x, f(x)];
  });
}

/** About `count` round tick values covering [a, b]. */
export function niceTicks(a: number, b: number, count = 5): number[] {
  const span = b - a;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => span / s <= count + 0.5)!;
  const ticks: number[] = [];
  for (let v = Math.ceil(a / step - 1e-9) * step; v <= b + step * 1e-9; v += step) ticks.push(Math.round(v / step) * step);
  return ticks.map((t) => Number(t.toPrecision(12)));
}

export function shortNumber(v: number): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e4 || abs < 1e-3) {
    const e = Math.floor(Math.log10(abs));
    const m = v / 10 ** e;
    return `${Math.abs(m - 1) < 1e-9 ? '' : `${Number(m.toPrecision(2))}×`}10${superscript(e)}`;
  }
  return String(Number(v.toPrecision(4))).replace('-', '−');
}

const superDigits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
export function superscript(n: number): string {
  return (n < 0 ? '⁻' : '') + String(Math.abs(n)).split('').map((d) => superDigits[Number(d)]).join('');
}

/**
 * A chart with axes: marks are added in data coordinates and clipped to the plot area. Sized for
 * a phone: 480 units wide with 15-unit text, still legible at 360 px.
 */
export class Chart {
  readonly width: number;
  readonly height: number;
  readonly left = 76;
  readonly right: number;
  readonly top = 18;
  readonly bottom: number;
  private readonly marks: string[] = [];
  private readonly over: string[] = [];
  private hasArrows = false;
  private readonly legendItems: { label: string; kind: 'line' | 'point' | 'bar'; series: number; dash: string }[] = [];

  constructor(private readonly spec: ChartSpec) {
    this.width = spec.width ?? 480;
    this.height = spec.height ?? 320;
    this.right = this.width - 16;
    this.bottom = this.height - 52;
  }

  x = (v: number): number => this.map(v, this.spec.x, this.left, this.right);
  y = (v: number): number => this.map(v, this.spec.y, this.bottom, this.top);

  private map(v: number, axis: Axis, from: number, to: number): number {
    const [a, b] = axis.domain;
    const t = axis.log ? (Math.log10(v) - Math.log10(a)) / (Math.log10(b) - Math.log10(a)) : (v - a) / (b - a);
    return from + t * (to - from);
  }

  private dashOf(style: LineStyle, series: number): string {
    if (style.dash === false) return '';
    if (typeof style.dash === 'string') return style.dash;
    return dashes[series % dashes.length]!;
  }

  line(points: Point[], style: LineStyle = {}): this {
    const series = style.series ?? 0;
    const dash = this.dashOf(style, series);
    // Samples far outside the plot would only add bytes; the clip path hides the rest.
    const mapped = points.filter(([, v]) => Number.isFinite(v)).map(([u, v]): Point => [this.x(u), Math.max(-1000, Math.min(1000 + this.height, this.y(v)))]);
    // A point closer than half a unit to the last one kept adds bytes, not shape.
    const pts = mapped.filter((p, i) => {
      if (i === 0 || i === mapped.length - 1) return true;
      const prev = mapped[i - 1]!;
      return Math.abs(p[0] - prev[0]) >= 0.5 || Math.abs(p[1] - prev[1]) >= 0.5;
    });
    this.marks.push(polyline(pts, `s${series}`, { 'stroke-width': style.width ?? 2.5, 'stroke-dasharray': dash, 'stroke-linejoin': 'round' }));
    if (style.label) this.legendItems.push({ label: style.label, kind: 'line', series, dash });
    return this;
  }

  fn(f: (x: number) => number, style: LineStyle = {}, domain = this.spec.x.domain, n = 200): this {
    return this.line(sample(f, domain[0], domain[1], n), style);
  }

  /** A filled region between two curves given as points (same x values). */
  band(upper: Point[], lower: Point[], series = 0, opacity = 0.2): this {
    const pts = [...upper, ...[...lower].reverse()].map(([u, v]) => `${num(this.x(u))},${num(this.y(v))}`).join(' ');
    this.marks.push(el('polygon', { points: pts, class: `f${series}`, 'fill-opacity': opacity }));
    return this;
  }

  points(points: Point[], o: { series?: number; label?: string; r?: number; shape?: 'circle' | 'square' | 'cross' | 'ring' } = {}): this {
    const series = o.series ?? 0;
    const r = o.r ?? 4;
    for (const [u, v] of points) this.marks.push(this.marker(this.x(u), this.y(v), r, series, o.shape ?? 'circle'));
    if (o.label) this.legendItems.push({ label: o.label, kind: 'point', series, dash: o.shape ?? 'circle' });
    return this;
  }

  private marker(cx: number, cy: number, r: number, series: number, shape: string): string {
    if (shape === 'square') return rect(cx - r, cy - r, 2 * r, 2 * r, `f${series}`);
    if (shape === 'ring') return circle(cx, cy, r, `s${series}`, { fill: 'none', 'stroke-width': 2 });
    if (shape === 'cross') {
      return el('path', { d: `M${num(cx - r)},${num(cy - r)}L${num(cx + r)},${num(cy + r)}M${num(cx - r)},${num(cy + r)}L${num(cx + r)},${num(cy - r)}`, class: `s${series}`, 'stroke-width': 2.5 });
    }
    return circle(cx, cy, r, `f${series}`);
  }

  /** Bars from the baseline `from` (0 by default) at x positions, `width` in data units. */
  bars(values: Point[], o: { series?: number; label?: string; width?: number; offset?: number; from?: number; values?: (v: number) => string } = {}): this {
    const series = o.series ?? 0;
    const w = o.width ?? 0.7;
    const base = this.y(o.from ?? Math.max(0, this.spec.y.domain[0]));
    for (const [u, v] of values) {
      const x0 = this.x(u + (o.offset ?? 0) - w / 2);
      const x1 = this.x(u + (o.offset ?? 0) + w / 2);
      const top = this.y(v);
      this.marks.push(rect(x0, Math.min(top, base), x1 - x0, Math.abs(base - top), `f${series}`));
      if (o.values) this.over.push(text((x0 + x1) / 2, Math.min(top, base) - 5, o.values(v), { size: 14 }));
    }
    if (o.label) this.legendItems.push({ label: o.label, kind: 'bar', series, dash: '' });
    return this;
  }

  /** A text label at data coordinates. */
  label(u: number, v: number, content: string, o: { anchor?: 'start' | 'middle' | 'end'; series?: number; size?: number; dx?: number; dy?: number } = {}): this {
    this.over.push(text(this.x(u) + (o.dx ?? 0), this.y(v) + (o.dy ?? 0), content, { anchor: o.anchor, size: o.size ?? 15, cls: o.series === undefined ? undefined : `f${o.series}` }));
    return this;
  }

  /** A thin reference line across the plot: vertical at x = `at`, or horizontal at y = `at`. */
  rule(axis: 'x' | 'y', at: number, label?: string, o: { dash?: string; anchor?: 'start' | 'end' } = {}): this {
    const dash = o.dash ?? '4 4';
    if (axis === 'x') {
      const px = this.x(at);
      this.marks.push(line(px, this.top, px, this.bottom, 'ln', { 'stroke-dasharray': dash, 'stroke-width': 1.2 }));
      if (label) this.over.push(text(px + (o.anchor === 'end' ? -5 : 5), this.top + 14, label, { anchor: o.anchor ?? 'start', size: 14, cls: 'mu' }));
    } else {
      const py = this.y(at);
      this.marks.push(line(this.left, py, this.right, py, 'ln', { 'stroke-dasharray': dash, 'stroke-width': 1.2 }));
      if (label) this.over.push(text(o.anchor === 'start' ? this.left + 6 : this.right - 6, py - 6, label, { anchor: o.anchor ?? 'end', size: 14, cls: 'mu' }));
    }
    return this;
  }

  /** An axis-aligned ellipse in data coordinates (a level set of a quadratic), drawn under the marks. */
  ellipse(cx: number, cy: number, rx: number, ry: number, cls = 'grid', extra: Record<string, string | number> = {}): this {
    const px = Math.abs(this.x(cx + rx) - this.x(cx));
    const py = Math.abs(this.y(cy + ry) - this.y(cy));
    this.marks.unshift(el('ellipse', { cx: this.x(cx), cy: this.y(cy), rx: px, ry: py, fill: 'none', class: cls, 'stroke-width': 1.5, ...extra }));
    return this;
  }

  /** An arrow from one data point to another, over the marks. */
  arrow(from: Point, to: Point, series?: number, width = 2.5): this {
    this.hasArrows = true;
    this.over.push(line(this.x(from[0]), this.y(from[1]), this.x(to[0]), this.y(to[1]), series === undefined ? 'ln' : `s${series}`, { 'stroke-width': width, 'marker-end': 'url(#arrow)' }));
    return this;
  }

  /** Raw SVG drawn over the marks, in pixel coordinates (arrows, notes). */
  raw(svg: string): this {
    this.over.push(svg);
    return this;
  }

  private ticksOf(axis: Axis): number[] {
    if (axis.names) return axis.names.map((_, i) => i);
    if (axis.ticks) return axis.ticks;
    if (axis.log) {
      const ticks: number[] = [];
      for (let e = Math.ceil(Math.log10(axis.domain[0]) - 1e-9); e <= Math.log10(axis.domain[1]) + 1e-9; e++) ticks.push(10 ** e);
      return ticks;
    }
    return niceTicks(axis.domain[0], axis.domain[1]);
  }

  private tickText(axis: Axis, v: number): string {
    if (axis.names) return axis.names[v] ?? '';
    return axis.format ? axis.format(v) : shortNumber(v);
  }

  private axes(): string[] {
    const out: string[] = [];
    const { x, y } = this.spec;
    for (const t of this.ticksOf(x)) {
      const px = this.x(t);
      if (!x.names) out.push(line(px, this.top, px, this.bottom, 'grid'));
      out.push(line(px, this.bottom, px, this.bottom + 5, 'ln'));
      out.push(text(px, this.bottom + 21, this.tickText(x, t), { size: 15 }));
    }
    for (const t of this.ticksOf(y)) {
      const py = this.y(t);
      out.push(line(this.left, py, this.right, py, 'grid'));
      out.push(line(this.left - 5, py, this.left, py, 'ln'));
      out.push(text(this.left - 8, py + 5, this.tickText(y, t), { anchor: 'end', size: 15 }));
    }
    out.push(line(this.left, this.bottom, this.right, this.bottom, 'ln', { 'stroke-width': 1.2 }));
    out.push(line(this.left, this.top, this.left, this.bottom, 'ln', { 'stroke-width': 1.2 }));
    out.push(text((this.left + this.right) / 2, this.bottom + 43, x.label, { size: 17 }));
    out.push(text(15, (this.top + this.bottom) / 2, y.label, { size: 17, rotate: -90, baseline: 'middle' }));
    return out;
  }

  private legend(): string[] {
    if (!this.legendItems.length) return [];
    const where = this.spec.legend ?? 'top-right';
    const rowH = 20;
    const widthOf = (label: string) => 34 + label.length * 8.1;
    const out: string[] = [];
    const swatch = (x: number, y: number, item: (typeof this.legendItems)[number]) => {
      if (item.kind === 'line') return line(x, y, x + 24, y, `s${item.series}`, { 'stroke-width': 2.5, 'stroke-dasharray': item.dash });
      if (item.kind === 'bar') return rect(x + 4, y - 6, 16, 12, `f${item.series}`);
      return this.marker(x + 12, y, 4.5, item.series, item.dash);
    };
    if (where === 'below') {
      let x = this.left;
      let y = this.bottom + 66;
      for (const item of this.legendItems) {
        if (x + widthOf(item.label) > this.right && x > this.left) {
          x = this.left;
          y += rowH;
        }
        out.push(swatch(x, y, item), text(x + 30, y + 5, item.label, { anchor: 'start', size: 15 }));
        x += widthOf(item.label) + 10;
      }
      return out;
    }
    const w = Math.max(...this.legendItems.map((i) => widthOf(i.label))) + 8;
    const h = this.legendItems.length * rowH + 8;
    const x = where.endsWith('right') ? this.right - w - 6 : this.left + 6;
    const y = where.startsWith('top') ? this.top + 6 : this.bottom - h - 6;
    out.push(rect(x, y, w, h, 'bg', { 'fill-opacity': 0.88, rx: 4 }));
    this.legendItems.forEach((item, i) => {
      const cy = y + 4 + rowH * i + rowH / 2;
      out.push(swatch(x + 6, cy, item), text(x + 36, cy + 5, item.label, { anchor: 'start', size: 15 }));
    });
    return out;
  }

  /** The document's height: a legend below the plot adds a row per line it needs. */
  private documentHeight(): number {
    if (this.spec.legend !== 'below' || !this.legendItems.length) return this.height;
    let rows = 1;
    let x = this.left;
    for (const item of this.legendItems) {
      const w = 34 + item.label.length * 8.1;
      if (x + w > this.right && x > this.left) {
        rows++;
        x = this.left;
      }
      x += w + 10;
    }
    return this.bottom + 56 + rows * 20;
  }

  svg(): string {
    const clip = `<clipPath id="plot"><rect x="${num(this.left)}" y="${num(this.top)}" width="${num(this.right - this.left)}" height="${num(this.bottom - this.top)}"/></clipPath>`;
    return svgDocument({
      title: this.spec.title,
      desc: this.spec.desc,
      width: this.width,
      height: this.documentHeight(),
      defs: this.hasArrows ? [clip, arrowMarker] : [clip],
      body: [...this.axes(), `<g clip-path="url(#plot)">`, ...this.marks, '</g>', ...this.over, ...this.legend()],
    });
  }
}
