import { type Term, termsOf } from './terms.js';

export interface ConceptTerms {
  id: number;
  name: string;
  aliases: string[];
}

/** Hyphens (ASCII, Unicode, en dash) and spaces are interchangeable inside a term. */
const SEPARATOR_CLASS = String.raw`[\s\-\u2010\u2011\u2013]`;
const SEPARATORS = /[\s\-\u2010\u2011\u2013]+/g;
const WORD_CHAR = String.raw`[\p{L}\p{N}_]`;

/** The lookup key of a spelling: what the regex treats as equal must be equal here. */
function keyOf(text: string, caseSensitive: boolean): string {
  const key = text.replace(SEPARATORS, '').replace(/’/g, "'");
  return caseSensitive ? key : key.toLowerCase();
}

/** One regex piece per character: a space needs a separator, a hyphen may be left out. */
function atomsOf(term: Term): string[] {
  return Array.from(term.caseSensitive ? term.text : term.text.toLowerCase(), (char) => {
    if (/\s/.test(char)) return `${SEPARATOR_CLASS}+`;
    if (/[-\u2010\u2011\u2013]/.test(char)) return `${SEPARATOR_CLASS}?`;
    if (char === "'" || char === '’') return "['’]";
    return char.replace(/[\^$\\.*+?()[\]{}|/]/g, '\\$&');
  });
}

interface TrieNode {
  children: Map<string, TrieNode>;
  terminal: boolean;
}

const newNode = (): TrieNode => ({ children: new Map(), terminal: false });

/** Alternatives share their prefixes, so the regex engine tries ~1 branch per position, not ~600. */
function trieSource(node: TrieNode): string {
  const branches = [...node.children].map(([atom, child]) => atom + trieSource(child));
  if (branches.length === 0) return '';
  if (branches.length === 1 && !node.terminal) return branches[0] as string;
  return `(?:${branches.join('|')})${node.terminal ? '?' : ''}`;
}

/** One combined regex and key index for the terms of one case mode. */
class TermSet {
  private readonly root = newNode();
  private readonly ids = new Map<string, number[]>();
  private regex: RegExp | null = null;

  constructor(private readonly caseSensitive: boolean) {}

  add(term: Term, id: number): void {
    let node = this.root;
    for (const atom of atomsOf(term)) {
      let next = node.children.get(atom);
      if (!next) node.children.set(atom, (next = newNode()));
      node = next;
    }
    node.terminal = true;
    const key = keyOf(term.text, this.caseSensitive);
    const ids = this.ids.get(key) ?? [];
    if (!ids.includes(id)) ids.push(id);
    this.ids.set(key, ids);
  }

  compile(): void {
    if (this.root.children.size === 0) return;
    const source = `(?<!${WORD_CHAR})(?:${trieSource(this.root)})(?!${WORD_CHAR})`;
    this.regex = new RegExp(source, this.caseSensitive ? 'gu' : 'giu');
  }

  /**
   * Every match, as matchAll would give them. An exec loop on the one compiled regex, because
   * matchAll clones its regex first, and cloning one this large costs more than the search.
   */
  matches(text: string): Array<{ start: number; end: number; ids: number[] }> {
    const regex = this.regex;
    if (!regex) return [];
    const found: Array<{ start: number; end: number; ids: number[] }> = [];
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      // An empty match would stall the loop; step past it by a code point, as matchAll does.
      if (match[0] === '') regex.lastIndex += (text.codePointAt(regex.lastIndex) ?? 0) > 0xffff ? 2 : 1;
      const ids = this.ids.get(keyOf(match[0], this.caseSensitive));
      if (ids) found.push({ start: match.index, end: match.index + match[0].length, ids });
    }
    return found;
  }
}

/**
 * A function from text to the ids of the concepts it mentions, in order of first mention. Where
 * terms overlap the longest wins: "stochastic gradient descent" is SGD, not also gradient descent.
 */
export function buildConceptMatcher(concepts: ConceptTerms[]): (text: string) => number[] {
  const sensitive = new TermSet(true);
  const insensitive = new TermSet(false);
  for (const concept of concepts) {
    for (const term of termsOf(concept)) (term.caseSensitive ? sensitive : insensitive).add(term, concept.id);
  }
  const sets = [sensitive, insensitive];
  for (const set of sets) set.compile();

  return (text) => {
    const found = sets.flatMap((set) => set.matches(text));
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const ids = new Set<number>();
    let covered = 0;
    for (const match of found) {
      if (match.start < covered) continue;
      covered = match.end;
      for (const id of match.ids) ids.add(id);
    }
    return [...ids];
  };
}
