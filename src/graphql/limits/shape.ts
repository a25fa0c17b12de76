import { Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import { fragmentsOf, operationsToRun, type Fragments } from './operations.js';

/** Depth (fields on the longest path), aliased fields and root fields, fragments expanded. */
export interface Shape {
  depth: number;
  aliases: number;
  rootFields: number;
}

type SetShape = { depth: number; aliases: number; fields: number };

const empty: SetShape = { depth: 0, aliases: 0, fields: 0 };
/** A fragment that spreads itself, directly or not, nests without end. */
const unbounded: SetShape = { depth: Infinity, aliases: 0, fields: 0 };

export function shapeOf(document: DocumentNode, operationName?: string | null): Shape {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, SetShape>();
  const shapes = operationsToRun(document, operationName).map((op) => setShape(op.selectionSet, fragments, memo, new Set()));
  return {
    depth: Math.max(0, ...shapes.map((s) => s.depth)),
    aliases: Math.max(0, ...shapes.map((s) => s.aliases)),
    rootFields: Math.max(0, ...shapes.map((s) => s.fields)),
  };
}

function setShape(set: SelectionSetNode, fragments: Fragments, memo: Map<string, SetShape>, active: Set<string>): SetShape {
  let { depth, aliases, fields } = empty;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      const child = s.selectionSet ? setShape(s.selectionSet, fragments, memo, active) : empty;
      depth = Math.max(depth, 1 + child.depth);
      aliases += (s.alias ? 1 : 0) + child.aliases;
      fields += 1;
      continue;
    }
    const inner =
      s.kind === Kind.INLINE_FRAGMENT
        ? setShape(s.selectionSet, fragments, memo, active)
        : spreadShape(s.name.value, fragments, memo, active);
    depth = Math.max(depth, inner.depth);
    aliases += inner.aliases;
    fields += inner.fields;
  }
  return { depth, aliases, fields };
}

function spreadShape(name: string, fragments: Fragments, memo: Map<string, SetShape>, active: Set<string>): SetShape {
  const known = memo.get(name);
  if (known) return known;
  const fragment = fragments.get(name);
  if (!fragment) return empty;
  if (active.has(name)) return unbounded;
  active.add(name);
  const shape = setShape(fragment.selectionSet, fragments, memo, active);
  active.delete(name);
  memo.set(name, shape);
  return shape;
}
