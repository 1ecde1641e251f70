import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FrameworkFileError, loadFrameworkFiles, loadShippedFrameworks } from './shipped-frameworks';

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'framework-')), name);
  writeFileSync(path, content);
  return path;
}

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe(loadShippedFrameworks.name, () => {
  it('should load the A-11 capacity framework first and CivX second when both files are valid', () => {
    const sut = loadShippedFrameworks();

    expect(sut.map((framework) => [framework.code, framework.version, framework.kind, framework.countsTowardTotal])).toEqual([
      ['A11-280-CAPACITY', '2027.1', 'CAPACITY', true],
      ['CIVX', '2027.1', 'SUPPLEMENTAL', false],
    ]);
  });

  it('should ship the five A-11 functions with 4 to 7 criteria each and a 35-point total', () => {
    const [a11] = loadShippedFrameworks();

    expect(a11.domains.map((domain) => domain.name)).toEqual([
      'Measurement',
      'Governance & Strategy',
      'Culture & Organization',
      'Customer Understanding',
      'Service Design & Improvement',
    ]);
    expect(a11.domains.every((domain) => domain.criteria.length >= 4 && domain.criteria.length <= 7)).toBe(true);
    expect(a11.scale.levels.map((level) => level.label)).toEqual(['Not started', 'Emerging', 'Developing', 'Established', 'Leading']);
    expect(a11.scoring.domainMaxPoints * a11.domains.length).toBe(35);
  });

  it('should ship the four CivX dimensions with 3 to 5 criteria each', () => {
    const [, civx] = loadShippedFrameworks();

    expect(civx.domains.map((domain) => domain.name)).toEqual(['Civic knowledge', 'Public trust', 'Political efficacy', 'Access & equity']);
    expect(civx.domains.every((domain) => domain.criteria.length >= 3 && domain.criteria.length <= 5)).toBe(true);
  });
});

describe(loadFrameworkFiles.name, () => {
  it('should throw one error listing the problems of every bad file when files are invalid', () => {
    const notJson = tempFile('broken.json', '{ "code": ');
    const empty = tempFile('empty.json', '{}');

    const error = captureError(() => loadFrameworkFiles([notJson, empty]));

    expect(error).toBeInstanceOf(FrameworkFileError);
    const { problemsByFile, message } = error as FrameworkFileError;
    expect([...problemsByFile.keys()]).toEqual([notJson, empty]);
    expect(problemsByFile.get(notJson)).toEqual([{ path: '(root)', message: expect.stringMatching(/^could not be read as JSON/) }]);
    expect(problemsByFile.get(empty)).toHaveLength(10);
    expect(message).toContain('empty.json has 10 problem(s):\ncode: is required but missing');
  });
});
