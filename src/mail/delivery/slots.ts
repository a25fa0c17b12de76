/**
 * Where the characters of each occurrence of `placeholder` sit in `raw`, a message whose bodies are
 * quoted-printable: a soft line break ("=" CRLF) may fall between any two of them. Writing a value of
 * the same length into those byte offsets gives the bytes the composer would have produced for that
 * value, as long as every character of both encodes as itself (letters, digits, "-", "_", ".").
 */
export function findSlots(raw: Buffer, placeholder: string, from = 0): number[][] {
  const codes = [...placeholder].map((c) => c.charCodeAt(0));
  const slots: number[][] = [];
  let at = raw.indexOf(codes[0]!, from);
  while (at !== -1) {
    const slot = matchAt(raw, codes, at);
    if (slot) slots.push(slot);
    at = raw.indexOf(codes[0]!, slot ? slot.at(-1)! + 1 : at + 1);
  }
  return slots;
}

const EQUALS = 0x3d;
const CR = 0x0d;
const LF = 0x0a;

function matchAt(raw: Buffer, codes: number[], start: number): number[] | undefined {
  const positions: number[] = [];
  let pos = start;
  for (const code of codes) {
    while (positions.length > 0 && raw[pos] === EQUALS && raw[pos + 1] === CR && raw[pos + 2] === LF) pos += 3;
    if (raw[pos] !== code) return undefined;
    positions.push(pos++);
  }
  return positions;
}

/** Writes `value` (ASCII, the placeholder's length) into a copy's slots. */
export function fillSlots(target: Buffer, slots: number[][], value: string, shift = 0): void {
  for (const slot of slots) {
    for (let i = 0; i < slot.length; i++) target[slot[i]! + shift] = value.charCodeAt(i);
  }
}
