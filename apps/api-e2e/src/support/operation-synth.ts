import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

export const FORGED_ID = '7d2c4b0e-8a1f-4c3e-9b5d-1f2a3b4c5d6e';

function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]?.name ?? 'null';
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return `"${FORGED_ID}"`;
      case 'Int':
        return '1';
      case 'Float':
        return '1.0';
      case 'Boolean':
        return 'true';
      case 'DateTime':
        return '"2027-01-01T00:00:00.000Z"';
      default:
        return '"x"';
    }
  }
  return 'null';
}

function selection(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isObjectType(named)) {
    const leaf = Object.values(named.getFields()).find((f) => isLeafType(getNamedType(f.type)) && f.args.length === 0);
    return leaf ? `{ ${leaf.name} }` : '{ __typename }';
  }
  return '{ __typename }';
}

function args(list: readonly GraphQLArgument[]): string {
  const required = list.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  return required.length ? `(${required.map((a) => `${a.name}: ${literal(a.type)}`).join(', ')})` : '';
}

export interface SynthesizedOperation {
  kind: 'query' | 'mutation';
  field: string;
  document: string;
}

/** One valid call of every root field, with forged ids: new operations are covered without touching the tests. */
export function synthesizeOperations(schema: GraphQLSchema): SynthesizedOperation[] {
  const out: SynthesizedOperation[] = [];
  for (const kind of ['query', 'mutation'] as const) {
    const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
    for (const f of Object.values(root?.getFields() ?? {}) as Array<GraphQLField<unknown, unknown>>) {
      out.push({ kind, field: f.name, document: `${kind} { ${f.name}${args(f.args)} ${selection(f.type)} }` });
    }
  }
  return out;
}
