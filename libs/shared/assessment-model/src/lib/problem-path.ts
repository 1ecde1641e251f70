/** One thing wrong with an input, located by a readable path such as `domains[2].criteria[4].levels`. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** Path used when the whole input is wrong, where there is no field to point at. */
export const ROOT_PATH = '(root)';

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Builds `a.b[2].c`; odd keys fall back to `["my key"]` so the path stays unambiguous. */
export function formatPath(segments: readonly PathSegment[]): string {
  if (segments.length === 0) {
    return ROOT_PATH;
  }
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') {
      return `${path}[${segment}]`;
    }
    if (!IDENTIFIER.test(segment)) {
      return `${path}[${JSON.stringify(segment)}]`;
    }
    return path === '' ? segment : `${path}.${segment}`;
  }, '');
}

/** Splits an ajv JSON pointer (`/domains/2/levels`) into segments; digits are array indexes in our formats. */
export function pointerToSegments(pointer: string): PathSegment[] {
  if (pointer === '') {
    return [];
  }
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** Zero-pads indexes so `[10]` sorts after `[2]`. */
function pathSortKey(path: string): string {
  return path.replace(/\d+/g, (digits) => digits.padStart(8, '0'));
}

/** Groups problems by where they are, in a stable order, so a long list is easy to work through. */
export function sortByPath(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => {
    const left = pathSortKey(a.path);
    const right = pathSortKey(b.path);
    return left < right ? -1 : left > right ? 1 : 0;
  });
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n');
}
