/**
 * Content negotiation on the hot path: Accept (RFC 9110 §12.5.1, with q-values and wildcards) and
 * Accept-Encoding (§12.5.3). Browsers send a handful of distinct header values, so each answer is
 * remembered per header text in a small bounded map: a hit costs one lookup.
 */

interface Range {
  type: string;
  subtype: string;
  q: number;
}

function parseList(header: string): { value: string; q: number }[] {
  return header.split(',').flatMap((part) => {
    const [value, ...params] = part.split(';');
    const name = value!.trim().toLowerCase();
    if (!name) return [];
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split('=');
      if (k!.trim().toLowerCase() === 'q') {
        const n = Number(v?.trim());
        q = Number.isFinite(n) && n >= 0 && n <= 1 ? n : 0;
      }
    }
    return [{ value: name, q }];
  });
}

/** The q-value the client gives `type/subtype`: the most specific range that matches it, else 0. */
function qualityOf(ranges: Range[], type: string, subtype: string): number {
  let best = -1;
  let q = 0;
  for (const r of ranges) {
    const specificity = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
    if (specificity > best) {
      best = specificity;
      q = r.q;
    }
  }
  return q;
}

const remembered = <T>(compute: (header: string) => T, limit = 64) => {
  const seen = new Map<string, T>();
  return (header: string): T => {
    let value = seen.get(header);
    if (value === undefined) {
      value = compute(header);
      if (seen.size >= limit) seen.clear();
      seen.set(header, value);
    }
    return value;
  };
};

const htmlOverJson = remembered((header) => {
  const ranges = parseList(header).map(({ value, q }) => {
    const [type = '', subtype = ''] = value.split('/');
    return { type, subtype, q };
  });
  return qualityOf(ranges, 'text', 'html') > qualityOf(ranges, 'application', 'json');
});

/**
 * Whether the client prefers text/html to application/json: a browser navigating does; curl
 * (`*∕*`), fetch() and API clients (no Accept, or JSON) do not. A tie goes to JSON, what such
 * paths served before they had pages.
 */
export function prefersHtml(accept: string | undefined): boolean {
  return accept !== undefined && htmlOverJson(accept);
}

export type Encoding = 'br' | 'gzip' | 'identity';

const bestEncoding = remembered((header): Encoding => {
  const codings = parseList(header);
  const q = (name: string) => codings.find((c) => c.value === name)?.q ?? codings.find((c) => c.value === '*')?.q ?? 0;
  const br = q('br');
  const gzip = Math.max(q('gzip'), q('x-gzip'));
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : 'identity';
});

/** The coding to send: brotli unless the client ranks gzip higher, gzip, else none. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  return acceptEncoding ? bestEncoding(acceptEncoding) : 'identity';
}
