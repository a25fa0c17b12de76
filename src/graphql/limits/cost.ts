import {
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getNamedType,
  getNullableType,
  isCompositeType,
  isIntrospectionType,
  isListType,
  isObjectType,
  isInterfaceType,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { introspectionListSizes } from './introspection-sizes.js';
import { fragmentsOf, operationsToRun, type Fragments } from './operations.js';

/** Page size of a connection or list whose `first` argument is absent and has no SDL default. */
export const DEFAULT_FIRST = 20;
/** Assumed length of a plain list without `first` (Concept.tags, Query.sources, …). */
export const ASSUMED_LIST_SIZE = 10;

/**
 * Estimated objects an operation resolves, GitHub/Shopify style: every object-typed field costs 1
 * per object, scalars and enums 0. A connection (a type named `…Connection`) costs 1 and its
 * `edges`/`nodes` lists hold `first` items; a list with a `first` argument holds `first` items; any
 * other list ASSUMED_LIST_SIZE (introspection lists their average length in the schema). Children
 * cost once per parent object, fragments are expanded, and a fragment cycle costs Infinity.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
  options: CostOptions = {},
): number {
  const fragments = fragmentsOf(document);
  const costs = operationsToRun(document, operationName).map((op) => operationCost(schema, fragments, variables ?? {}, op, options));
  // Averaged introspection lists leave float noise; refuse to round 3201.0000001 up to 3202.
  return Math.ceil(Math.max(0, ...costs) - 1e-6);
}

export interface CostOptions {
  /**
   * Price `__schema` and `__type` at INTROSPECTION_POINTS each, whatever they select: the schema is
   * static, so what a client is charged for reading it is flat (the standard introspection query of
   * GraphiQL and codegen costs a few points). The query limits still measure it in full.
   */
  flatIntrospection?: boolean;
}

/** What a root `__schema` or `__type` field is charged with `flatIntrospection`. */
export const INTROSPECTION_POINTS = 1;

function operationCost(schema: GraphQLSchema, fragments: Fragments, variables: Record<string, unknown>, op: OperationDefinitionNode, options: CostOptions): number {
  const root = schema.getRootType(op.operation);
  if (!root) return 0;
  const listSizes = introspectionListSizes(schema);
  const memo = new Map<string, number>();
  const active = new Set<string>();

  /** The page size: `first`, else `last` (a backward page holds as many). */
  const firstOf = (node: FieldNode, field: GraphQLField<unknown, unknown>): number => {
    const arg = (node.arguments?.find((a) => a.name.value === 'first') ?? node.arguments?.find((a) => a.name.value === 'last'))?.value;
    let value: unknown;
    if (arg?.kind === Kind.VARIABLE) {
      const name = arg.name.value;
      const fallback = op.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
      value = name in variables ? variables[name] : fallback && valueFromASTUntyped(fallback);
    } else if (arg) {
      value = valueFromASTUntyped(arg);
    }
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
    const sdlDefault = field.args.find((a) => a.name === 'first')?.defaultValue;
    return typeof sdlDefault === 'number' ? sdlDefault : DEFAULT_FIRST;
  };

  const objectsPerParent = (node: FieldNode, field: GraphQLField<unknown, unknown>, parent: GraphQLNamedType, page?: number) => {
    if (!isListType(getNullableType(field.type))) return 1;
    if (field.args.some((a) => a.name === 'first' || a.name === 'last')) return firstOf(node, field);
    if (page !== undefined && isConnection(parent)) return page;
    if (isIntrospectionType(parent)) return listSizes.get(`${parent.name}.${field.name}`) ?? ASSUMED_LIST_SIZE;
    return ASSUMED_LIST_SIZE;
  };

  /** Cost of a selection set per parent object; `page` is the enclosing connection's `first`. */
  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType, page?: number): number => {
    let total = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (options.flatIntrospection && parent === root && (s.name.value === SchemaMetaFieldDef.name || s.name.value === TypeMetaFieldDef.name)) {
          total += INTROSPECTION_POINTS;
          continue;
        }
        const field = fieldOf(schema, parent, s.name.value);
        const type = field && getNamedType(field.type);
        if (!field || !isCompositeType(type)) continue;
        const childPage = isConnection(type) ? firstOf(s, field) : undefined;
        const child = s.selectionSet ? selectionCost(s.selectionSet, type, childPage) : 0;
        total += scale(objectsPerParent(s, field, parent, page), 1 + child);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const type = s.typeCondition ? schema.getType(s.typeCondition.name.value) : parent;
        if (isCompositeType(type)) total += selectionCost(s.selectionSet, type, page);
      } else {
        total += spreadCost(s.name.value, page);
      }
    }
    return total;
  };

  const spreadCost = (name: string, page?: number): number => {
    const key = `${name}|${page ?? ''}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !isCompositeType(type)) return 0;
    if (active.has(name)) return Infinity;
    active.add(name);
    const cost = selectionCost(fragment.selectionSet, type, page);
    active.delete(name);
    memo.set(key, cost);
    return cost;
  };

  return selectionCost(op.selectionSet, root);
}

const isConnection = (type: GraphQLNamedType) => type.name.endsWith('Connection');

/** Infinity (a fragment cycle) stays Infinity even under `first: 0`, so the cycle is reported. */
const scale = (count: number, cost: number) => (cost === Infinity ? Infinity : count * cost);

function fieldOf(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string) {
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}
