import { arrowMarker, circle, el, num, rect, svgDocument, text } from './svg.js';

/** A box: centre, size and label lines; `series` tints it, `shape` makes it a circle or a plain label. */
export interface Box {
  x: number;
  y: number;
  w?: number;
  h?: number;
  label: string | string[];
  series?: number;
  shape?: 'rect' | 'circle' | 'plain' | 'sum';
  dashed?: boolean;
  size?: number;
}

type Side = 'top' | 'bottom' | 'left' | 'right';

export interface Arrow {
  from: string;
  to: string;
  label?: string;
  fromSide?: Side;
  toSide?: Side;
  /** Corner points in between, for arrows that go around. */
  via?: [number, number][];
  dashed?: boolean;
  /** Where the label sits relative to the arrow's middle. */
  labelOffset?: [number, number];
  /** No arrowhead (an undirected edge). */
  plain?: boolean;
}

export interface BlocksSpec {
  title: string;
  desc: string;
  width?: number;
  height: number;
  boxes: Record<string, Box>;
  arrows: Arrow[];
  /** Extra elements drawn under the boxes (groupings) and over them (notes). */
  under?: string[];
  over?: string[];
}

const defaultSize = { w: 120, h: 40 };

function anchor(box: Box, side: Side): [number, number] {
  const w = box.w ?? defaultSize.w;
  const h = box.h ?? defaultSize.h;
  if (box.shape === 'circle' || box.shape === 'sum') {
    const r = box.shape === 'sum' ? 13 : w / 2;
    return side === 'top' ? [box.x, box.y - r] : side === 'bottom' ? [box.x, box.y + r] : side === 'left' ? [box.x - r, box.y] : [box.x + r, box.y];
  }
  return side === 'top' ? [box.x, box.y - h / 2] : side === 'bottom' ? [box.x, box.y + h / 2] : side === 'left' ? [box.x - w / 2, box.y] : [box.x + w / 2, box.y];
}

/** The side of `a` facing `b`. */
function facing(a: Box, b: Box): Side {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  return Math.abs(dy) >= Math.abs(dx) ? (dy > 0 ? 'bottom' : 'top') : dx > 0 ? 'right' : 'left';
}

export function boxSvg(b: Box): string {
  const w = b.w ?? defaultSize.w;
  const h = b.h ?? defaultSize.h;
  const lines = Array.isArray(b.label) ? b.label : [b.label];
  const size = b.size ?? 16;
  const out: string[] = [];
  const fill = b.series === undefined ? 'box' : `box f${b.series}`;
  const dash = b.dashed ? '5 4' : undefined;
  if (b.shape === 'sum') {
    out.push(circle(b.x, b.y, 13, 'box', { 'stroke-width': 1.5 }), text(b.x, b.y + 6, '+', { size: 20 }));
    return out.join('');
  }
  if (b.shape === 'circle') out.push(circle(b.x, b.y, w / 2, fill, { 'stroke-width': 1.5, 'fill-opacity': b.series === undefined ? undefined : 0.25, 'stroke-dasharray': dash }));
  else if (b.shape !== 'plain') out.push(rect(b.x - w / 2, b.y - h / 2, w, h, fill, { rx: 6, 'stroke-width': 1.5, 'fill-opacity': b.series === undefined ? undefined : 0.25, 'stroke-dasharray': dash }));
  const first = b.y - ((lines.length - 1) * (size + 3)) / 2;
  lines.forEach((l, i) => out.push(text(b.x, first + i * (size + 3), l, { size, baseline: 'middle' })));
  return out.join('');
}

/** Boxes joined by arrows: architectures, pipelines, causal graphs. */
export function blocks(spec: BlocksSpec): string {
  const body: string[] = [...(spec.under ?? [])];
  for (const a of spec.arrows) {
    const from = spec.boxes[a.from];
    const to = spec.boxes[a.to];
    if (!from || !to) throw new Error(`arrow ${a.from} → ${a.to}: no such box`);
    const firstTarget: Box = a.via?.length ? { x: a.via[0]![0], y: a.via[0]![1], label: '' } : to;
    const lastSource: Box = a.via?.length ? { x: a.via.at(-1)![0], y: a.via.at(-1)![1], label: '' } : from;
    const start = anchor(from, a.fromSide ?? facing(from, firstTarget));
    const end = anchor(to, a.toSide ?? facing(to, lastSource));
    const pts = [start, ...(a.via ?? []), end];
    body.push(
      el('polyline', {
        points: pts.map(([x, y]) => `${num(x)},${num(y)}`).join(' '),
        fill: 'none',
        class: 'ln',
        'stroke-width': 1.6,
        'stroke-dasharray': a.dashed ? '5 4' : undefined,
        'marker-end': a.plain ? undefined : 'url(#arrow)',
      }),
    );
    if (a.label) {
      const mid = Math.floor((pts.length - 1) / 2);
      const [x1, y1] = pts[mid]!;
      const [x2, y2] = pts[mid + 1]!;
      const [ox, oy] = a.labelOffset ?? [0, -7];
      body.push(text((x1 + x2) / 2 + ox, (y1 + y2) / 2 + oy, a.label, { size: 14, anchor: 'middle' }));
    }
  }
  for (const b of Object.values(spec.boxes)) body.push(boxSvg(b));
  body.push(...(spec.over ?? []));
  return svgDocument({ title: spec.title, desc: spec.desc, width: spec.width ?? 480, height: spec.height, defs: [arrowMarker], body });
}

