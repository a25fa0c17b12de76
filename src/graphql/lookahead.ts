import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields a query selects at `path` below the field being resolved, following
 * fragments (so `edges { node { ...Card } }` counts). @skip/@include are not evaluated: a field they
 * drop is still listed, which costs a prefetch, never a wrong answer.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    sets = sets.flatMap((set) => fieldsOf(set, info).flatMap((field) => (field.name === name && field.selectionSet ? [field.selectionSet] : [])));
  }
  return new Set(sets.flatMap((set) => fieldsOf(set, info).map((field) => field.name)));
}

interface Field {
  name: string;
  selectionSet: SelectionSetNode | undefined;
}

function fieldsOf(set: SelectionSetNode, info: GraphQLResolveInfo, seen = new Set<string>()): Field[] {
  return set.selections.flatMap((selection): Field[] => {
    if (selection.kind === Kind.FIELD) return [{ name: selection.name.value, selectionSet: selection.selectionSet }];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, info, seen);
    const name = selection.name.value;
    const fragment = info.fragments[name];
    if (!fragment || seen.has(name)) return [];
    return fieldsOf(fragment.selectionSet, info, new Set([...seen, name]));
  });
}
