import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

export type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

export function fragmentsOf(document: DocumentNode): Fragments {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return fragments;
}

/**
 * The operation that would run; when that is ambiguous (no name among several, or an unknown name)
 * execution refuses anyway, and measuring every candidate keeps the check conservative.
 */
export function operationsToRun(document: DocumentNode, operationName?: string | null): OperationDefinitionNode[] {
  const all = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const named = operationName ? all.filter((o) => o.name?.value === operationName) : [];
  return named.length > 0 ? named : all;
}
