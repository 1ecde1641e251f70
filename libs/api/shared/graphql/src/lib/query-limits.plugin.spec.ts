import { buildSchema, type DocumentNode, parse } from 'graphql';

import { measureOperation, queryLimitsPlugin } from './query-limits.plugin';

describe(measureOperation.name, () => {
  it('should count nesting through fragments when the query uses them', () => {
    const doc = parse(`query Q { a { ...F } } fragment F on A { b { c { d } } }`);
    expect(measureOperation(doc, 'Q')).toEqual({ depth: 4, aliases: 0 });
  });

  it('should count aliases at every level when the query aliases fields', () => {
    const doc = parse(`{ x: a { y: b z: b } w: a { b } }`);
    expect(measureOperation(doc).aliases).toBe(4);
  });

  it('should measure only the named operation when the document has several', () => {
    const doc = parse(`query Shallow { a } query Deep { a { b { c } } }`);
    expect(measureOperation(doc, 'Shallow').depth).toBe(1);
    expect(measureOperation(doc, 'Deep').depth).toBe(3);
  });
});

describe(queryLimitsPlugin.name, () => {
  const schema = buildSchema(`type Item { id: ID name: String } type Query { items: [Item] one: Item }`);
  const limits = { maxDepth: 5, maxComplexity: 4, maxAliases: 10 };

  /** Runs the plugin's check the way Apollo does, with a document reused across requests. */
  async function check(document: DocumentNode, variables: Record<string, unknown> = {}): Promise<string | null> {
    const listener = await queryLimitsPlugin(limits).requestDidStart?.({} as never);
    const ctx = { document, schema, operationName: null, request: { variables } };
    try {
      await listener?.didResolveOperation?.(ctx as never);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  it('should refuse an over-costly document every time, not only when first seen', async () => {
    const doc = parse(`{ items { id name } one { id name } }`);
    expect(await check(doc)).toMatch(/costs 6; the limit is 4/);
    expect(await check(doc)).toMatch(/costs 6; the limit is 4/);
  });

  it('should count the cost for the variables sent when @include or @skip depends on them', async () => {
    const doc = parse(`query($all: Boolean!) { items { id } one @include(if: $all) { id name } }`);
    expect(await check(doc, { all: false })).toBeNull();
    expect(await check(doc, { all: true })).toMatch(/the limit is 4/);
    expect(await check(doc, { all: false })).toBeNull();
  });
});
