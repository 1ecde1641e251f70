import { formatPath, pointerToSegments, ROOT_PATH, sortByPath } from './problem-path';

describe(formatPath.name, () => {
  it.each([
    [[], ROOT_PATH],
    [['domains', 2, 'criteria', 4, 'levels'], 'domains[2].criteria[4].levels'],
    [['scale', 'levels', 0], 'scale.levels[0]'],
    [['$schema'], '$schema'],
    [['odd key'], '["odd key"]'],
  ])('should format %j as %s when given path segments', (segments, expected) => {
    expect(formatPath(segments)).toBe(expected);
  });
});

describe(pointerToSegments.name, () => {
  it('should turn digits into indexes and unescape ~0 and ~1 when given a JSON pointer', () => {
    expect(pointerToSegments('/domains/2/a~1b/c~0d')).toEqual(['domains', 2, 'a/b', 'c~d']);
  });

  it('should return no segments when the pointer is the whole document', () => {
    expect(pointerToSegments('')).toEqual([]);
  });
});

describe(sortByPath.name, () => {
  it('should order index 10 after index 2 when sorting paths', () => {
    const problems = ['domains[10].code', 'domains[2].code', 'code'].map((path) => ({ path, message: 'x' }));

    expect(sortByPath(problems).map((problem) => problem.path)).toEqual(['code', 'domains[2].code', 'domains[10].code']);
  });
});
