import { ErrorCode } from '@cx/shared-domain';
import { isGraphqlRequestError } from '@cx/web-shared-data-access-graphql';
import { plural } from './admin-format';

/** One thing wrong with an uploaded framework file; path is null when it is about the file as a whole. */
export interface ImportProblem {
  path: string | null;
  message: string;
}

/** The most the API accepts (ImportFrameworkInput.fileContent); checked here so a wrong file fails fast. */
export const MAX_FRAMEWORK_FILE_BYTES = 1_000_000;

/** API paths that point at the upload itself rather than at a place inside the file. */
const WHOLE_FILE_PATHS: ReadonlySet<string> = new Set(['(root)', 'input', 'input.fileContent']);

/** Checks that can be made before reading the file; the API validates the content. */
export function checkFrameworkFile(file: File | null): ImportProblem | null {
  if (!file) return { path: null, message: 'Choose a framework file (.json) to upload.' };
  if (file.size === 0) return { path: null, message: 'This file is empty. Choose the framework file (.json).' };
  if (file.size > MAX_FRAMEWORK_FILE_BYTES) {
    return { path: null, message: 'The file is larger than 1 MB. Framework files are much smaller; check you chose the right file.' };
  }
  return null;
}

/**
 * Turns a failed import into the list people fix the file from: every validation problem with
 * its path (the API lists them all and imports nothing), or one plain-language problem otherwise.
 */
export function toImportProblems(error: unknown): ImportProblem[] {
  if (isGraphqlRequestError(error, ErrorCode.BAD_USER_INPUT) && error.fieldErrors.length > 0) {
    return error.fieldErrors.map(({ path, message }) => ({ path: WHOLE_FILE_PATHS.has(path) ? null : path, message }));
  }
  if (isGraphqlRequestError(error, ErrorCode.CONFLICT)) {
    return [
      {
        path: 'version',
        message: 'This version number is already published, and a published version never changes. Give the file a new version number.',
      },
    ];
  }
  return [{ path: null, message: error instanceof Error ? error.message : 'The file could not be imported. Try again.' }];
}

export function describeImportProblem(problem: ImportProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

export function importProblemsHeading(count: number): string {
  return `The file has ${plural(count, 'problem')}. Nothing was imported.`;
}

/** The success line, e.g. "Imported A11-280-CAPACITY version 2028.1 as a draft." */
export function describeImport(result: { created: boolean; framework: { code: string; version: string; status: string } }): string {
  const { code, version, status } = result.framework;
  const name = `${code} version ${version}`;
  if (!result.created) {
    return status === 'DRAFT'
      ? `${name} was already imported as a draft. The draft now holds this file.`
      : `${name} had already been imported. It is ${status.toLowerCase()}; nothing new was added.`;
  }
  return status === 'PUBLISHED' ? `Imported and published ${name}.` : `Imported ${name} as a draft.`;
}
