import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { type DocumentNode, type ExecutionResult, GraphQLError, type GraphQLSchema, isEnumType, isObjectType } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * graphql-jit's errors look like graphql-js's but lack what Apollo's error formatting reads (an `extensions`
 * object); rebuilt, they keep their message, path, locations and the resolver's original error.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  (rebuilt as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return rebuilt;
}

/**
 * Executes operations with graphql-jit instead of graphql-js: each validated document is compiled once into a
 * function (cached per document, as Apollo caches parsed and validated documents), which then runs without
 * graphql-js's per-field interpretation. Measured: see README "Measured".
 *
 * Apollo Server accepts another executor only through its gateway interface; this "gateway" serves the schema
 * Nest built (handed over by `transformSchema`) and executes locally. Everything before execution (parsing,
 * validation, the query-limits plugin, CSRF prevention) and after it (error formatting) stays Apollo's.
 */
export function compiledExecution(): { gateway: GatewayInterface; transformSchema: (schema: GraphQLSchema) => GraphQLSchema } {
  let schema: GraphQLSchema | undefined;
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();

  const compile = (document: DocumentNode, operationName: string | undefined): CompiledQuery | ExecutionResult => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let entry = byName.get(key);
    if (!entry) {
      entry = compileQuery(schema as GraphQLSchema, document, operationName, { disablingCapturingStackErrors: true });
      byName.set(key, entry);
    }
    return entry;
  };

  const executor: GatewayExecutor = async (request) => {
    const entry = compile(request.document, request.operationName ?? undefined);
    if (!isCompiledQuery(entry)) return { errors: entry.errors?.map(asGraphQLJsError) };
    // graphql-js coerces the variables, as before: graphql-jit's own coercion misses spec rules (an omitted
    // non-null input field with a default is refused). It then re-reads the coerced values, which is a no-op
    // for this schema (checked in transformSchema).
    const variables = getVariableValues(
      schema as GraphQLSchema,
      request.operation.variableDefinitions ?? [],
      request.request.variables ?? {},
      {
        maxErrors: 50,
      },
    );
    if (variables.errors) return { errors: variables.errors };
    const result = await entry.query(undefined, request.context, variables.coerced);
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };

  const gateway: GatewayInterface = {
    onSchemaLoadOrUpdate(callback) {
      if (!schema) throw new Error('compiledExecution: the schema was not built before Apollo Server started');
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: () => Promise.resolve({ executor }),
    stop: () => Promise.resolve(),
  };
  return {
    gateway,
    transformSchema: (built) => {
      assertCoercionIsIdempotent(built);
      dropPropertyResolvers(built);
      schema = built;
      return built;
    },
  };
}

/**
 * Variables are coerced twice (graphql-js, then graphql-jit), which is only harmless if a coerced value reads back
 * as itself. True of the built-in scalars, DateTime (a Date reads as the same Date) and JSON; for enums only when
 * each value's internal value is its name. Fails at start-up rather than on some request later.
 */
function assertCoercionIsIdempotent(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isEnumType(type) || type.name.startsWith('__')) continue;
    const renamed = type.getValues().find((v) => v.value !== v.name);
    if (renamed)
      throw new Error(
        `Enum ${type.name}.${renamed.name} has the internal value ${String(renamed.value)}; compiled execution needs them equal`,
      );
  }
}

/**
 * Nest's code-first schema gives every field a resolver, even a plain property (`root[name]`). graphql-jit inlines
 * property access for fields without one but must call (and guard) each resolver, so these are removed. Only Nest's
 * own property resolver is a candidate, and only if it behaves as the default one on a probe: a renamed property or
 * an output default value keeps it.
 */
function dropPropertyResolvers(schema: GraphQLSchema): void {
  const probe = Symbol('probe');
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as ((root: object) => unknown) | undefined;
      if (resolve?.name !== 'rootFieldResolver') continue;
      if (resolve({ [field.name]: probe }) === probe && resolve({}) === undefined) field.resolve = undefined;
    }
  }
}
