/**
 * The SVG document every diagram shares: a title and description for screen readers, a light
 * background that turns dark with the reader's colour scheme, and a colour-blind-safe palette
 * (Okabe & Ito) as classes. Pure string building: the same input gives the same bytes.
 */

export interface DocumentSpec {
  title: string;
  desc: string;
  width: number;
  height: number;
  /** Elements, in drawing order. */
  body: string[];
  /** Extra <defs> content (clip paths, markers). */
  defs?: string[];
}

/** Series colours: light background, then dark. */
const palette: [string, string][] = [
  ['#0072b2', '#56b4e9'],
  ['#d55e00', '#f0a05a'],
  ['#009e73', '#3fd6a8'],
  ['#cc79a7', '#e7a3cb'],
  ['#b58a00', '#f0c645'],
  ['#56b4e9', '#9ad3f5'],
];
export const seriesCount = palette.length;

/** Dash patterns by series, so lines differ without colour too. */
export const dashes = ['', '7 4', '2 3', '9 3 2 3', '4 2', '1 2'];

function styles(): string {
  const light = palette.map(([c], i) => `.s${i}{stroke:${c}}.f${i}{fill:${c}}`).join('');
  const dark = palette.map(([, c], i) => `.s${i}{stroke:${c}}.f${i}{fill:${c}}`).join('');
  return (
    'text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;fill:#1f2330}' +
    '.bg{fill:#ffffff}.fg{fill:#1f2330}.ln{stroke:#1f2330}.mu{fill:#5b6070}.grid{stroke:#e3e5ea}.box{fill:#f3f5fa;stroke:#1f2330}' +
    '.soft{fill:#e8eefc}.hl{fill:none;stroke:#d55e00}text.on-light{fill:#1f2330}text.on-dark{fill:#ffffff}' +
    light +
    '@media (prefers-color-scheme:dark){text{fill:#e8e9ee}.bg{fill:#1a1d24}.fg{fill:#e8e9ee}.ln{stroke:#e8e9ee}.mu{fill:#a7abb8}' +
    '.grid{stroke:#30343f}.box{fill:#242833;stroke:#e8e9ee}.soft{fill:#253052}.hl{stroke:#f0a05a}' +
    dark +
    '}'
  );
}

/** A number as SVG wants it: at most two decimals, no "-0". */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) || rounded === 0 ? '0' : String(rounded);
}

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : esc(v!)}"`)
    .join('');
}

export const el = (name: string, a: Attrs, content?: string) => (content === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${content}</${name}>`);

export interface TextOptions {
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  weight?: 'bold';
  cls?: string;
  /** Rotation in degrees about the text's own position. */
  rotate?: number;
  baseline?: 'middle' | 'hanging';
}

export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  return el(
    'text',
    {
      x,
      y,
      'text-anchor': o.anchor === 'start' ? undefined : (o.anchor ?? 'middle'),
      'font-size': o.size ?? 15,
      'font-weight': o.weight,
      class: o.cls,
      'dominant-baseline': o.baseline === 'middle' ? 'central' : o.baseline,
      transform: o.rotate ? `rotate(${num(o.rotate)} ${num(x)} ${num(y)})` : undefined,
    },
    esc(content),
  );
}

export function polyline(points: [number, number][], cls: string, extra: Attrs = {}): string {
  return el('polyline', { points: points.map(([x, y]) => `${num(x)},${num(y)}`).join(' '), fill: 'none', class: cls, ...extra });
}

export function line(x1: number, y1: number, x2: number, y2: number, cls: string, extra: Attrs = {}): string {
  return el('line', { x1, y1, x2, y2, class: cls, ...extra });
}

export function rect(x: number, y: number, w: number, h: number, cls: string | undefined, extra: Attrs = {}): string {
  return el('rect', { x, y, width: w, height: h, class: cls, ...extra });
}

export function circle(cx: number, cy: number, r: number, cls: string, extra: Attrs = {}): string {
  return el('circle', { cx, cy, r, class: cls, ...extra });
}

/** The arrowhead marker lines refer to with marker-end="url(#arrow)". */
export const arrowMarker =
  '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="fg"/></marker>';

export function svgDocument(spec: DocumentSpec): string {
  const defs = spec.defs?.length ? `<defs>${spec.defs.join('')}</defs>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${spec.width} ${spec.height}" width="${spec.width}" height="${spec.height}" role="img" aria-labelledby="title desc">\n` +
    `<title id="title">${esc(spec.title)}</title>\n<desc id="desc">${esc(spec.desc)}</desc>\n` +
    `<style>${styles()}</style>\n${defs}` +
    `<rect class="bg" width="${spec.width}" height="${spec.height}" rx="8"/>\n` +
    spec.body.join('\n') +
    '\n</svg>\n'
  );
}
