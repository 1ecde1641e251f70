import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import {
  buildSchema,
  execute,
  type GraphQLFieldResolver,
  getOperationAST,
  GraphQLEnumType,
  GraphQLError,
  type GraphQLFormattedError,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  parse,
} from 'graphql';

import { compiledExecution } from './compiled-execution';

class NotYoursError extends Error {}

const schema = buildSchema(`
    enum Color { RED GREEN }
    input Filter { text: String! publish: Boolean! = false colors: [Color!] = [RED] }
    type Item { id: ID! name: String! tags: [String!]! }
    type Query {
      echo(filter: Filter!): String!
      items(first: Int! = 2): [Item!]!
      broken: Item
      forbidden: String
    }`);
const resolvers: Record<string, GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>> = {
  echo: (_, args) => JSON.stringify(args['filter']),
  items: (_, args) =>
    Array.from({ length: args['first'] as number }, (_, i) => ({ id: String(i), name: `Item ${i}`, tags: i === 1 ? ['a', 'b'] : [] })),
  broken: () => ({ id: '1', name: null, tags: [] }),
  forbidden: () => {
    throw new NotYoursError('Not yours');
  },
};
for (const [name, field] of Object.entries(schema.getQueryType()?.getFields() ?? {})) field.resolve = resolvers[name];

async function start(s: GraphQLSchema = schema): Promise<GatewayExecutor> {
  const { gateway, transformSchema } = compiledExecution();
  transformSchema(s);
  gateway.onSchemaLoadOrUpdate(() => undefined);
  const { executor } = await gateway.load({ apollo: {} as never });
  if (!executor) throw new Error('no executor');
  return executor;
}

const asJson = (errors: readonly GraphQLError[] | undefined): GraphQLFormattedError[] | undefined => errors?.map((e) => e.toJSON());

/** Runs the query through the compiled executor and through graphql-js; returns both results. */
async function both(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  const request = {
    document,
    operation,
    operationName: null,
    request: { variables },
    context: {},
  } as unknown as GatewayGraphQLRequestContext;
  const compiled = await (await start())(request);
  const reference = await execute({ schema, document, variableValues: variables });
  return { compiled, reference };
}

describe(compiledExecution.name, () => {
  it('should apply an omitted input field’s default as graphql-js does when a variable leaves it out', async () => {
    const { compiled, reference } = await both('query($f: Filter!) { echo(filter: $f) }', { f: { text: 'x' } });
    expect(compiled.data).toEqual({ echo: JSON.stringify({ text: 'x', publish: false, colors: ['RED'] }) });
    expect(compiled.data).toEqual(reference.data);
  });

  it('should refuse a bad variable with the graphql-js error tied to the variable when a value has the wrong type', async () => {
    const { compiled, reference } = await both('query($f: Filter!) { echo(filter: $f) }', { f: { text: 3, colors: ['BLUE'] } });
    expect(asJson(compiled.errors)).toEqual(asJson(reference.errors));
    // Apollo reports such errors as BAD_USER_INPUT by this node kind.
    expect((compiled.errors?.[0] as GraphQLError).nodes?.[0]?.kind).toBe(Kind.VARIABLE_DEFINITION);
  });

  it('should return the same data as graphql-js when lists, argument defaults and nested objects are asked for', async () => {
    const { compiled, reference } = await both('{ items { id name tags } more: items(first: 3) { id } }');
    expect(compiled).toEqual({ data: reference.data });
  });

  it('should null the parent and report the path as graphql-js does when a non-null field resolves to null', async () => {
    const { compiled, reference } = await both('{ broken { id name } }');
    expect(compiled.data).toEqual(reference.data);
    expect(compiled.errors?.map((e) => e.path)).toEqual(reference.errors?.map((e) => e.path));
  });

  it('should keep the resolver’s own error, path and an extensions object when a resolver throws', async () => {
    const { compiled } = await both('{ forbidden }');
    const error = compiled.errors?.[0] as GraphQLError;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.originalError).toBeInstanceOf(NotYoursError);
    expect(error.path).toEqual(['forbidden']);
    expect(error.locations).toEqual([{ line: 1, column: 3 }]);
    expect(error.extensions).toEqual({});
  });

  it('should drop only Nest’s plain property resolvers when the schema is handed over', () => {
    const s = buildSchema(`type Query { plain: String renamed: String defaulted: String custom: String }`);
    const fields = s.getQueryType()?.getFields() ?? {};
    // The shape of Nest's own resolver (ObjectTypeDefinitionFactory.createFieldResolver) for each case.
    const nestResolver = (property: string, defaultValue?: string) => {
      const rootFieldResolver = (root: Record<string, unknown>) => (root[property] === undefined ? defaultValue : root[property]);
      return rootFieldResolver;
    };
    const custom = () => 'computed';
    Object.assign(fields['plain'] ?? {}, { resolve: nestResolver('plain') });
    Object.assign(fields['renamed'] ?? {}, { resolve: nestResolver('otherName') });
    Object.assign(fields['defaulted'] ?? {}, { resolve: nestResolver('defaulted', 'fallback') });
    Object.assign(fields['custom'] ?? {}, { resolve: custom });
    compiledExecution().transformSchema(s);
    expect(fields['plain']?.resolve).toBeUndefined();
    expect(fields['renamed']?.resolve).toBeDefined();
    expect(fields['defaulted']?.resolve).toBeDefined();
    expect(fields['custom']?.resolve).toBe(custom);
  });

  it('should refuse to start when an enum’s internal values differ from its names', async () => {
    const renamed = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: { c: { type: new GraphQLEnumType({ name: 'Level', values: { LOW: { value: 1 } } }) }, s: { type: GraphQLString } },
      }),
    });
    await expect(start(renamed)).rejects.toThrow(/Level\.LOW/);
  });
});
