import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
}

interface Measure {
  depth: number;
  aliases: number;
}

function measure(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): Measure {
  let depth = 0;
  let aliases = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.alias) aliases++;
      if (sel.selectionSet) {
        const inner = measure(sel.selectionSet, fragments, seen);
        depth = Math.max(depth, inner.depth + 1);
        aliases += inner.aliases;
      } else {
        depth = Math.max(depth, 1);
      }
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const inner = measure(sel.selectionSet, fragments, seen);
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
    } else {
      const frag = fragments.get(sel.name.value);
      // A fragment cycle is rejected by validation; guard anyway so a crafted query cannot recurse forever.
      if (!frag || seen.has(frag.name.value)) continue;
      const inner = measure(frag.selectionSet, fragments, new Set([...seen, frag.name.value]));
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
    }
  }
  return { depth, aliases };
}

/** Depth (fields nested) and alias count of the operation that will run. */
export function measureOperation(document: DocumentNode, operationName?: string | null): Measure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    if (def.kind === Kind.OPERATION_DEFINITION && (!operationName || def.name?.value === operationName)) operation ??= def;
  }
  return operation ? measure(operation.selectionSet, fragments, new Set()) : { depth: 0, aliases: 0 };
}

function reject(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}

interface Cost extends Measure {
  complexity: number;
}

/** Whether variables can change the cost: only through @skip/@include (field costs here are constants). */
function hasConditions(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === 'skip' || node.name.value === 'include') found = true;
    },
  });
  return found;
}

/** Per parsed document (Apollo reuses the same object for the same query text): its costs by operation. */
const costs = new WeakMap<DocumentNode, { conditional: boolean; byKey: Map<string, Cost> }>();
const MAX_KEYS_PER_DOCUMENT = 50;

function costOf(ctx: GraphQLRequestContextDidResolveOperation<object>): Cost {
  let entry = costs.get(ctx.document);
  if (!entry) {
    entry = { conditional: hasConditions(ctx.document), byKey: new Map() };
    costs.set(ctx.document, entry);
  }
  const variables = ctx.request.variables ?? {};
  const key = `${ctx.operationName ?? ''}${entry.conditional ? JSON.stringify(variables) : ''}`;
  const known = entry.byKey.get(key);
  if (known) return known;
  const measured = measureOperation(ctx.document, ctx.operationName);
  let complexity: number;
  try {
    complexity = getComplexity({
      schema: ctx.schema,
      query: ctx.document,
      operationName: ctx.operationName ?? undefined,
      variables,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // Costing reads the variables first. Missing or mistyped ones stop execution before any resolver runs, and
    // execution reports them (BAD_USER_INPUT) as it does every variable error; so no cost, and nothing cached.
    if (!(error instanceof GraphQLError)) throw error;
    return { ...measured, complexity: 0 };
  }
  const cost: Cost = { ...measured, complexity };
  if (entry.byKey.size < MAX_KEYS_PER_DOCUMENT) entry.byKey.set(key, cost);
  return cost;
}

/**
 * Refuses over-deep, over-costly or alias-heavy operations before any resolver runs (OWASP ASVS 4.3.1).
 * The cost of a document is computed once: clients send the same few operations over and over, and
 * walking the schema for each request cost more than executing a typical query.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation(ctx: GraphQLRequestContextDidResolveOperation<object>) {
          const { depth, aliases, complexity } = costOf(ctx);
          if (depth > limits.maxDepth) throw reject(`This query is nested ${depth} levels deep; the limit is ${limits.maxDepth}.`);
          if (aliases > limits.maxAliases) throw reject(`This query uses ${aliases} aliases; the limit is ${limits.maxAliases}.`);
          if (complexity > limits.maxComplexity) throw reject(`This query costs ${complexity}; the limit is ${limits.maxComplexity}.`);
          return Promise.resolve();
        },
      });
    },
  };
}
