import Ajv, { ErrorObject } from 'ajv';

import { FrameworkFile } from './framework';
import { FRAMEWORK_JSON_SCHEMA } from './framework-schema';
import { formatPath, PathSegment, pointerToSegments, Problem, ROOT_PATH, sortByPath } from './problem-path';

export type FrameworkValidationResult =
  { readonly ok: true; readonly framework: FrameworkFile } | { readonly ok: false; readonly problems: readonly Problem[] };

// verbose: the failing value is needed to say what was found, not only what was expected.
const ajv = new Ajv({ allErrors: true, verbose: true });
const matchesSchema = ajv.compile<FrameworkFile>(FRAMEWORK_JSON_SCHEMA);

const PATTERN_HINTS: Readonly<Record<string, string>> = {
  [FRAMEWORK_JSON_SCHEMA.definitions.code.pattern]:
    'must be capital letters and digits, joined by dots, dashes or underscores (for example MEA-1)',
  [FRAMEWORK_JSON_SCHEMA.properties.version.pattern]: 'must be a version number such as 2027 or 2027.1',
};

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object with named fields',
};

/**
 * Checks a parsed framework file and reports every problem at once (schema and cross-field rules),
 * so an author fixes the file in one pass instead of one error per upload.
 */
export function validateFrameworkFile(input: unknown): FrameworkValidationResult {
  if (!isRecord(input)) {
    return {
      ok: false,
      problems: [{ path: ROOT_PATH, message: `must be ${TYPE_NAMES['object']} (a framework file), not ${describeValue(input)}` }],
    };
  }
  const schemaOk = matchesSchema(input);
  const problems = [...(matchesSchema.errors ?? []).map(toProblem), ...checkCrossFieldRules(input)];
  if (schemaOk && problems.length === 0) {
    return { ok: true, framework: input };
  }
  return { ok: false, problems: sortByPath(problems) };
}

function toProblem(error: ErrorObject): Problem {
  const segments = pointerToSegments(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return at([...segments, String(error.params['missingProperty'])], 'is required but missing');
    case 'additionalProperties':
      return at([...segments, String(error.params['additionalProperty'])], 'is not a field of this format; remove it or fix the spelling');
    case 'type':
      return at(
        segments,
        `must be ${TYPE_NAMES[String(error.params['type'])] ?? String(error.params['type'])}, not ${describeValue(error.data)}`,
      );
    case 'enum':
      return at(
        segments,
        `must be one of ${(error.params['allowedValues'] as unknown[]).map(String).join(', ')}, not ${describeValue(error.data)}`,
      );
    case 'minItems':
      return at(segments, `must list at least ${String(error.params['limit'])} item(s)`);
    case 'minLength':
      return at(segments, 'must not be empty');
    case 'exclusiveMinimum':
      return at(segments, `must be greater than ${String(error.params['limit'])}`);
    case 'minimum':
      return at(segments, `must be ${String(error.params['limit'])} or more`);
    case 'maximum':
      return at(segments, `must be ${String(error.params['limit'])} or less`);
    case 'pattern':
      return at(segments, PATTERN_HINTS[String(error.params['pattern'])] ?? `must match ${String(error.params['pattern'])}`);
    default:
      return at(segments, error.message ?? 'is not valid');
  }
}

/** Rules JSON Schema cannot express. Runs on raw input, skipping parts the schema already rejects. */
function checkCrossFieldRules(input: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const scaleValues = checkScale(input['scale'], problems);
  checkDomains(input['domains'], scaleValues, problems);
  return problems;
}

/** Returns the scale values when the scale is usable for descriptor checks, otherwise null. */
function checkScale(scale: unknown, problems: Problem[]): number[] | null {
  const levels = isRecord(scale) ? scale['levels'] : undefined;
  if (!Array.isArray(levels)) {
    return null;
  }
  const values = levels.map(levelValue);
  values.forEach((value, index) => {
    const previous = values[index - 1];
    if (index > 0 && isNumber(value) && isNumber(previous) && value <= previous) {
      problems.push(
        at(
          ['scale', 'levels', index, 'value'],
          `${value} must be greater than the level before it (${previous}); list levels from lowest to highest, with no repeats`,
        ),
      );
    }
  });
  return values.every(isNumber) ? values : null;
}

function checkDomains(domains: unknown, scaleValues: number[] | null, problems: Problem[]): void {
  if (!Array.isArray(domains)) {
    return;
  }
  const domainCodes = new Map<string, string>();
  const criterionCodes = new Map<string, string>();
  domains.forEach((domain, domainIndex) => {
    if (!isRecord(domain)) {
      return;
    }
    const domainPath: PathSegment[] = ['domains', domainIndex];
    checkUniqueCode(domain['code'], domainPath, domainCodes, 'domain', problems);
    const criteria = domain['criteria'];
    if (!Array.isArray(criteria)) {
      return;
    }
    criteria.forEach((criterion, criterionIndex) => {
      if (!isRecord(criterion)) {
        return;
      }
      const criterionPath: PathSegment[] = [...domainPath, 'criteria', criterionIndex];
      checkUniqueCode(criterion['code'], criterionPath, criterionCodes, 'criterion', problems);
      if (scaleValues) {
        checkDescriptors(criterion['levels'], [...criterionPath, 'levels'], scaleValues, problems);
      }
    });
  });
}

function checkUniqueCode(
  code: unknown,
  ownerPath: PathSegment[],
  seen: Map<string, string>,
  noun: 'domain' | 'criterion',
  problems: Problem[],
): void {
  if (typeof code !== 'string') {
    return;
  }
  const firstOwner = seen.get(code);
  if (firstOwner === undefined) {
    seen.set(code, formatPath(ownerPath));
    return;
  }
  problems.push(
    at([...ownerPath, 'code'], `"${code}" is already used by ${firstOwner}; each ${noun} code must be unique in the framework`),
  );
}

/** A criterion needs exactly one descriptor per scale level, in scale order. */
function checkDescriptors(levels: unknown, path: PathSegment[], scaleValues: number[], problems: Problem[]): void {
  if (!Array.isArray(levels)) {
    return;
  }
  if (levels.length !== scaleValues.length) {
    problems.push(at(path, `${levels.length} descriptor(s) for a ${scaleValues.length}-level scale`));
  }
  const firstIndexByValue = new Map<number, number>();
  levels.forEach((level, index) => {
    const value = levelValue(level);
    if (!isNumber(value)) {
      return;
    }
    const valuePath = [...path, index, 'value'];
    const previous = levelValue(levels[index - 1]);
    const firstIndex = firstIndexByValue.get(value);
    if (!scaleValues.includes(value)) {
      problems.push(at(valuePath, `${value} is not a level on the scale (${scaleValues.join(', ')})`));
    } else if (firstIndex !== undefined) {
      problems.push(at(valuePath, `level ${value} already has a descriptor at levels[${firstIndex}]`));
    } else if (isNumber(previous) && value < previous) {
      problems.push(at(valuePath, `${value} comes after ${previous}; list descriptors in scale order, lowest first`));
    }
    if (firstIndex === undefined) {
      firstIndexByValue.set(value, index);
    }
  });
}

function at(segments: readonly PathSegment[], message: string): Problem {
  return { path: formatPath(segments), message };
}

function levelValue(level: unknown): unknown {
  return isRecord(level) ? level['value'] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function describeValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'string') {
    return `text (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  if (typeof value === 'number') {
    return `the number ${value}`;
  }
  return value === undefined ? 'nothing' : String(value);
}
