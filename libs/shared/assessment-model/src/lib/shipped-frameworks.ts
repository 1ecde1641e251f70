import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import a11Capacity from '../../frameworks/a11-280-capacity.fy2027.json';
import civx from '../../frameworks/civx.fy2027.json';
import { FrameworkFile } from './framework';
import { formatProblems, Problem, ROOT_PATH } from './problem-path';
import { validateFrameworkFile } from './validate-framework';

// Relative to this file so the paths hold in jest, ts-node and any build that keeps the lib layout.
export const A11_280_CAPACITY_FY2027_PATH = join(__dirname, '../../frameworks/a11-280-capacity.fy2027.json');
export const CIVX_FY2027_PATH = join(__dirname, '../../frameworks/civx.fy2027.json');

/** Shipped framework files, A-11 capacity first; seeders load them in this order. */
export const SHIPPED_FRAMEWORK_PATHS: readonly string[] = [A11_280_CAPACITY_FY2027_PATH, CIVX_FY2027_PATH];

/** A framework file that could not be read or is invalid; `problems` are per file, paths inside each file. */
export class FrameworkFileError extends Error {
  override readonly name = 'FrameworkFileError';

  constructor(readonly problemsByFile: ReadonlyMap<string, readonly Problem[]>) {
    super(
      [...problemsByFile]
        .map(([file, problems]) => `${basename(file)} has ${problems.length} problem(s):\n${formatProblems(problems)}`)
        .join('\n\n'),
    );
  }
}

type LoadResult = { readonly framework: FrameworkFile } | { readonly problems: readonly Problem[] };

function readFrameworkFile(path: string): LoadResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return {
      problems: [{ path: ROOT_PATH, message: `could not be read as JSON: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
  const result = validateFrameworkFile(parsed);
  return result.ok ? { framework: result.framework } : { problems: result.problems };
}

/** Reads and validates framework files; throws one error listing every problem in every file. */
export function loadFrameworkFiles(paths: readonly string[]): FrameworkFile[] {
  const results = paths.map((path) => [path, readFrameworkFile(path)] as const);
  const problemsByFile = new Map(results.flatMap(([path, result]) => ('problems' in result ? [[path, result.problems] as const] : [])));
  if (problemsByFile.size > 0) {
    throw new FrameworkFileError(problemsByFile);
  }
  return results.flatMap(([, result]) => ('framework' in result ? [result.framework] : []));
}

/**
 * The A-11 §280 capacity framework and the CivX module, validated. The files are imported (not read
 * from disk) so a bundled API carries them inside its bundle.
 */
export function loadShippedFrameworks(): FrameworkFile[] {
  const shipped: ReadonlyArray<readonly [string, unknown]> = [
    [A11_280_CAPACITY_FY2027_PATH, a11Capacity],
    [CIVX_FY2027_PATH, civx],
  ];
  const results = shipped.map(([path, content]) => [path, validateFrameworkFile(content)] as const);
  const problemsByFile = new Map(results.flatMap(([path, r]) => (r.ok ? [] : [[path, r.problems] as const])));
  if (problemsByFile.size > 0) throw new FrameworkFileError(problemsByFile);
  return results.flatMap(([, r]) => (r.ok ? [r.framework] : []));
}
