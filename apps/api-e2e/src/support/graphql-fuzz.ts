import fc from 'fast-check';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

/** One request as sent: the raw body, so that malformed ones can be sent too. */
export interface FuzzRequest {
  body: string;
  /** The root field the operation calls (before any malforming), for the report. */
  field: string;
  /** Which malformation was applied, if any (see `mutatedOperations`). */
  malformed?: number;
}

/**
 * Values worth trying beside random ones: real ids and codes of the database under test, and for arguments and
 * input fields of a given name (`assessmentId`, `criterionCode`, `expectedVersion`), values that fit it, so that
 * many operations get past validation to the code behind it.
 */
export interface FuzzPools {
  ids: string[];
  strings: string[];
  byName: Record<string, fc.Arbitrary<unknown>>;
}

type Field = GraphQLField<unknown, unknown>;

/** A value for an argument or input field: one that fits its name most of the time, else any value of its type. */
function valueFor(name: string, type: GraphQLInputType, pools: FuzzPools, depth: number): fc.Arbitrary<unknown> {
  const fitting = pools.byName[name];
  const any = valueOf(type, pools, depth);
  return fitting ? fc.oneof({ weight: 3, arbitrary: fitting }, { weight: 1, arbitrary: any }) : any;
}

/** A value of an input type: mostly well typed, sometimes null where allowed, with real ids and codes mixed in. */
function valueOf(type: GraphQLInputType, pools: FuzzPools, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueOf(type.ofType, pools, depth);
  const inner = ((): fc.Arbitrary<unknown> => {
    if (isListType(type)) return fc.array(valueOf(type.ofType, pools, depth + 1), { maxLength: depth > 1 ? 1 : 4 });
    if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      return fc.record(Object.fromEntries(fields.map((f) => [f.name, valueFor(f.name, f.type, pools, depth + 1)])), {
        requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
      });
    }
    switch (type.name) {
      case 'ID':
        return fc.oneof(fc.constantFrom(...pools.ids), fc.uuid(), fc.string({ maxLength: 40 }));
      case 'Int':
        return fc.oneof(fc.integer({ min: -3, max: 10 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
      case 'Float':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'Boolean':
        return fc.boolean();
      case 'DateTime':
        return fc.oneof(
          fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constantFrom('2027-01-29', 'not a date', ''),
        );
      case 'JSON':
        return fc.jsonValue({ maxDepth: 4 });
      default:
        return fc.oneof(
          { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
          { weight: 2, arbitrary: fc.constantFrom(...pools.strings) },
          { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
          { weight: 1, arbitrary: fc.constantFrom('https://www.va.gov/', 'javascript:alert(1)', 'x'.repeat(5000), '<script>') },
        );
    }
  })();
  return depth > 0 || !isNonNullType(type) ? fc.oneof({ weight: 6, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) }) : inner;
}

/** A selection set for an output type: a random subset of its fields to some depth; fields that need arguments are left out. */
function selectionOf(type: GraphQLOutputType, depth: number): fc.Arbitrary<string> {
  const named = getNamedType(type);
  if (isLeafType(named)) return fc.constant('');
  if (isUnionType(named) || isInterfaceType(named) || depth <= 0) return fc.constant('{ __typename }');
  if (!isObjectType(named)) return fc.constant('{ __typename }');
  const fields = Object.values(named.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  if (fields.length === 0) return fc.constant('{ __typename }');
  return fc
    .subarray(fields, { minLength: 1, maxLength: Math.min(6, fields.length) })
    .chain((chosen) => fc.tuple(...chosen.map((f) => selectionOf(f.type, depth - 1).map((sub) => `${f.name} ${sub}`))))
    .map((parts) => `{ ${parts.join(' ')} }`);
}

/** A well-formed call of one root field, its arguments as variables (required ones always, optional ones at random). */
function callOf(kind: 'query' | 'mutation', field: Field, pools: FuzzPools): fc.Arbitrary<FuzzRequest> {
  const args = field.args;
  const optional = args.filter((a) => !isNonNullType(a.type));
  return fc
    .tuple(fc.subarray(optional), fc.tuple(...args.map((a) => valueFor(a.name, a.type, pools, 0))), selectionOf(field.type, 3))
    .map(([chosenOptional, values, selection]) => {
      const used = args.filter((a) => isNonNullType(a.type) || chosenOptional.includes(a));
      const variables = Object.fromEntries(used.map((a) => [a.name, values[args.indexOf(a)]]));
      const definitions = used.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const call = used.length ? `(${used.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
      const query = `${kind}${definitions ? ` Fuzz(${definitions})` : ''} { ${field.name}${call} ${selection} }`;
      return { body: JSON.stringify({ query, variables }), field: field.name };
    });
}

/** Well-formed operations over every root field of the schema but those in `exclude`. */
export function operations(schema: GraphQLSchema, pools: FuzzPools, exclude: readonly string[]): fc.Arbitrary<FuzzRequest> {
  const calls: Array<fc.Arbitrary<FuzzRequest>> = [];
  for (const kind of ['query', 'mutation'] as const) {
    const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
    for (const f of Object.values(root?.getFields() ?? {})) if (!exclude.includes(f.name)) calls.push(callOf(kind, f, pools));
  }
  return fc.oneof(...calls);
}

/** Wrong-typed JSON for a variable: what a broken or hostile client sends. */
const wrongValue = fc.oneof(
  fc.constant({}),
  fc.constant([]),
  fc.integer(),
  fc.constant('1e309'),
  fc.string(),
  // Parsed, not written as a literal: a literal's `__proto__` sets the prototype and is never sent.
  fc.constant(JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{}}}') as unknown),
);

/**
 * Malformed or hostile requests made from well-formed ones: a query cut short or with a character put in, a
 * variable of the wrong type, an unknown field, too many aliases, too deep a query, a batch, a body that is not
 * a GraphQL request. Each must be refused in words, never fail inside the server.
 */
export function mutatedOperations(valid: fc.Arbitrary<FuzzRequest>): fc.Arbitrary<FuzzRequest> {
  type Body = { query: string; variables: Record<string, unknown> };
  const edit = (r: FuzzRequest, f: (body: Body) => Body): string => JSON.stringify(f(JSON.parse(r.body) as Body));
  const junk = fc.oneof(fc.jsonValue(), fc.record({ query: fc.jsonValue() }), fc.record({ query: fc.string(), variables: fc.string() }));
  return fc
    .tuple(valid, fc.nat(), fc.string({ minLength: 1, maxLength: 3 }), wrongValue, junk, fc.integer({ min: 0, max: 7 }))
    .map(([r, at, text, wrong, other, how]): FuzzRequest => {
      let body: string;
      switch (how) {
        case 0:
          body = edit(r, (b) => ({ ...b, query: b.query.slice(0, at % (b.query.length + 1)) }));
          break;
        case 1:
          body = edit(r, (b) => {
            const i = at % (b.query.length + 1);
            return { ...b, query: b.query.slice(0, i) + text + b.query.slice(i) };
          });
          break;
        case 2:
          body = edit(r, (b) => {
            const names = Object.keys(b.variables);
            const name = names[at % Math.max(1, names.length)];
            return { ...b, variables: name ? { ...b.variables, [name]: wrong } : { x: wrong } };
          });
          break;
        case 3:
          body = edit(r, (b) => ({ ...b, query: b.query.replace(/\{ /, '{ notAField ') }));
          break;
        case 4:
          body = edit(r, (b) => ({
            ...b,
            query: `{ ${Array.from({ length: 16 + (at % 40) }, (_, i) => `a${i}: __typename`).join(' ')} }`,
          }));
          break;
        case 5:
          body = edit(r, (b) => ({ ...b, query: `{ ${'a { '.repeat(10 + (at % 30))}b${' }'.repeat(10 + (at % 30))} }` }));
          break;
        case 6:
          body = `[${r.body},${r.body}]`;
          break;
        default:
          body = JSON.stringify(other);
      }
      return { body, field: r.field, malformed: how };
    });
}
