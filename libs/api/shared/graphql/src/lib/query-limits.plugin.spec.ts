import { parse } from 'graphql';

import { measureOperation } from './query-limits.plugin';

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
