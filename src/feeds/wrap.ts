const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;

// Columns counted in code points, so an emoji is never split in half.
const width = (s: string) => [...s].length;

/** A word longer than `max` is cut into pieces; a URL never is, so it stays clickable. */
function pieces(word: string, max: number): string[] {
  if (width(word) <= max || URL_LIKE.test(word) || max < 1) return [word];
  const chars = [...word];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += max) out.push(chars.slice(i, i + max).join(''));
  return out;
}

/**
 * Greedy word wrap to `columns`, with `first` before the first line and `rest` before the others
 * (a list marker and its hanging indent). Only a lone URL may run past `columns`.
 */
export function wrap(text: string, columns: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (const piece of pieces(word, columns - width(rest))) {
      if (empty) line += piece;
      else if (width(line) + 1 + width(piece) <= columns) line += ` ${piece}`;
      else {
        lines.push(line);
        line = rest + piece;
      }
      empty = false;
    }
  }
  lines.push(line);
  return lines;
}
