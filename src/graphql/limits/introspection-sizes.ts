import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isAbstractType,
  type GraphQLSchema,
} from 'graphql';

const cache = new WeakMap<GraphQLSchema, ReadonlyMap<string, number>>();

/**
 * How long each introspection list is on average in this schema, keyed `__Type.fields`. Sized this
 * way, an introspection query is charged about the objects it really returns: the standard query
 * costs about the schema's size, while nesting `fields { type { fields … } }` still multiplies.
 */
export function introspectionListSizes(schema: GraphQLSchema): ReadonlyMap<string, number> {
  const known = cache.get(schema);
  if (known) return known;
  const types = Object.values(schema.getTypeMap());
  const directives = schema.getDirectives();
  const fields = types.flatMap((t) => (isObjectType(t) || isInterfaceType(t) ? Object.values(t.getFields()) : []));
  const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const perType = (count: (t: (typeof types)[number]) => number) => sum(types.map(count)) / types.length;
  const sizes = new Map<string, number>([
    ['__Schema.types', types.length],
    ['__Schema.directives', directives.length],
    ['__Directive.args', sum(directives.map((d) => d.args.length)) / Math.max(1, directives.length)],
    ['__Field.args', sum(fields.map((f) => f.args.length)) / Math.max(1, fields.length)],
    ['__Type.fields', fields.length / types.length],
    ['__Type.inputFields', perType((t) => (isInputObjectType(t) ? Object.keys(t.getFields()).length : 0))],
    ['__Type.enumValues', perType((t) => (isEnumType(t) ? t.getValues().length : 0))],
    ['__Type.interfaces', perType((t) => (isObjectType(t) || isInterfaceType(t) ? t.getInterfaces().length : 0))],
    ['__Type.possibleTypes', perType((t) => (isAbstractType(t) ? schema.getPossibleTypes(t).length : 0))],
  ]);
  cache.set(schema, sizes);
  return sizes;
}
