import { ErrorCode } from '@cx/shared-domain';
import { GraphqlRequestError } from '@cx/web-shared-data-access-graphql';
import {
  MAX_FRAMEWORK_FILE_BYTES,
  checkFrameworkFile,
  describeImport,
  describeImportProblem,
  importProblemsHeading,
  toImportProblems,
} from './import-problems';

const file = (size: number): File => new File(['x'.repeat(size)], 'framework.json', { type: 'application/json' });

describe('toImportProblems', () => {
  it('should keep every validation problem with its path when the API answers BAD_USER_INPUT', () => {
    const error = new GraphqlRequestError(ErrorCode.BAD_USER_INPUT, 'The framework file has 2 problems. Nothing was imported.', [
      { path: 'name', message: 'must not be empty' },
      { path: 'domains[2].criteria[4].levels', message: '3 descriptor(s) for a 5-level scale' },
    ]);

    expect(toImportProblems(error).map(describeImportProblem)).toEqual([
      'name: must not be empty',
      'domains[2].criteria[4].levels: 3 descriptor(s) for a 5-level scale',
    ]);
  });

  it('should drop the path when the problem is about the file as a whole', () => {
    const error = new GraphqlRequestError(ErrorCode.BAD_USER_INPUT, 'x', [
      { path: 'input.fileContent', message: 'This file is not valid JSON: Unexpected token' },
      { path: '(root)', message: 'must be an object (a framework file), not an array' },
    ]);

    expect(toImportProblems(error)).toEqual([
      { path: null, message: 'This file is not valid JSON: Unexpected token' },
      { path: null, message: 'must be an object (a framework file), not an array' },
    ]);
  });

  it('should ask for a new version number when the API answers CONFLICT', () => {
    const [problem] = toImportProblems(new GraphqlRequestError(ErrorCode.CONFLICT));

    expect(problem?.path).toBe('version');
    expect(problem?.message).toMatch(/new version number/);
  });

  it('should fall back to the error message for anything else', () => {
    expect(toImportProblems(new GraphqlRequestError('NETWORK_ERROR'))).toEqual([
      { path: null, message: 'We could not reach the server. Check your connection and try again.' },
    ]);
  });
});

describe('checkFrameworkFile', () => {
  it('should ask for a file when none is chosen', () => {
    expect(checkFrameworkFile(null)?.message).toBe('Choose a framework file (.json) to upload.');
  });

  it('should refuse an empty or oversized file before reading it', () => {
    expect(checkFrameworkFile(file(0))?.message).toMatch(/empty/);
    expect(checkFrameworkFile(file(MAX_FRAMEWORK_FILE_BYTES + 1))?.message).toMatch(/larger than 1 MB/);
  });

  it('should accept a file within the limit', () => {
    expect(checkFrameworkFile(file(10))).toBeNull();
  });
});

describe('describeImport', () => {
  const framework = { code: 'A11-280-CAPACITY', version: '2028.1', status: 'DRAFT' };

  it('should say a new version was imported as a draft', () => {
    expect(describeImport({ created: true, framework })).toBe('Imported A11-280-CAPACITY version 2028.1 as a draft.');
  });

  it('should say a new version was imported and published', () => {
    expect(describeImport({ created: true, framework: { ...framework, status: 'PUBLISHED' } })).toBe(
      'Imported and published A11-280-CAPACITY version 2028.1.',
    );
  });

  it('should say nothing new was added when the version had been imported already', () => {
    expect(describeImport({ created: false, framework: { ...framework, status: 'PUBLISHED' } })).toMatch(/nothing new was added/);
  });

  it('should count the problems in the heading', () => {
    expect(importProblemsHeading(1)).toBe('The file has 1 problem. Nothing was imported.');
    expect(importProblemsHeading(3)).toBe('The file has 3 problems. Nothing was imported.');
  });
});
