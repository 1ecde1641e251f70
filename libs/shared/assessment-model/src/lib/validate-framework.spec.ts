import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildFramework } from '../testing/framework-fixtures';
import { FRAMEWORK_JSON_SCHEMA } from './framework-schema';
import { A11_280_CAPACITY_FY2027_PATH, CIVX_FY2027_PATH } from './shipped-frameworks';
import { validateFrameworkFile } from './validate-framework';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function problemsOf(input: unknown): readonly { path: string; message: string }[] {
  const result = validateFrameworkFile(input);
  return result.ok ? [] : result.problems;
}

const level = (value: number, descriptor = `at ${value}`) => ({ value, descriptor });

/** Every kind of mistake at once: the validator must list them all, not stop at the first. */
const BROKEN_FRAMEWORK = {
  code: 'bad code',
  name: '',
  version: 2027,
  effectiveFiscalYear: 2027,
  kind: 'CORE',
  countsTowardTotal: 'yes',
  scale: {
    levels: [
      { value: 1, label: 'One', definition: 'First.' },
      { value: 3, label: 'Three', definition: 'Third.' },
      { value: 2, label: 'Two', definition: 'Second.' },
    ],
  },
  scoring: { method: 'MEAN_LEVEL_SCALED', domainMaxPoints: 0, description: 'Scaled mean.' },
  domains: [
    {
      code: 'D1',
      name: 'One',
      description: 'First domain.',
      criteria: [
        { code: 'C1', statement: 'S', guidance: 'G', evidencePrompt: 'E', weight: 1, levels: [level(1), level(3)] },
        { code: 'C2', statement: 'S', guidance: 'G', evidencePrompt: 'E', weight: -1, levels: [level(1), level(2), level(4)] },
      ],
    },
    {
      code: 'D1',
      name: 'Copy',
      description: 'Second domain with a repeated code.',
      criteria: [
        {
          code: 'C1',
          statement: 'S',
          guidance: 'G',
          weight: '1',
          levels: [level(3), level(1), { value: 2 }],
          notes: 'not a field',
        },
      ],
    },
  ],
};

describe(validateFrameworkFile.name, () => {
  it.each([
    ['A-11 capacity', A11_280_CAPACITY_FY2027_PATH],
    ['CivX', CIVX_FY2027_PATH],
  ])('should accept the shipped %s file when it is read from disk', (_name, path) => {
    const result = validateFrameworkFile(readJson(path));

    expect(result).toEqual({ ok: true, framework: readJson(path) });
  });

  it('should accept a minimal framework when every rule holds', () => {
    const framework = buildFramework({ domains: [{ code: 'D1', criteria: [{ code: 'C1' }] }] });

    expect(validateFrameworkFile(framework)).toEqual({ ok: true, framework });
  });

  it('should report every problem with its path when a framework breaks many rules at once', () => {
    expect(problemsOf(BROKEN_FRAMEWORK)).toEqual([
      { path: 'code', message: 'must be capital letters and digits, joined by dots, dashes or underscores (for example MEA-1)' },
      { path: 'countsTowardTotal', message: 'must be true or false, not text ("yes")' },
      { path: 'description', message: 'is required but missing' },
      { path: 'domains[0].criteria[0].levels', message: '2 descriptor(s) for a 3-level scale' },
      { path: 'domains[0].criteria[1].levels[2].value', message: '4 is not a level on the scale (1, 3, 2)' },
      { path: 'domains[0].criteria[1].weight', message: 'must be greater than 0' },
      { path: 'domains[1].code', message: '"D1" is already used by domains[0]; each domain code must be unique in the framework' },
      {
        path: 'domains[1].criteria[0].code',
        message: '"C1" is already used by domains[0].criteria[0]; each criterion code must be unique in the framework',
      },
      { path: 'domains[1].criteria[0].evidencePrompt', message: 'is required but missing' },
      { path: 'domains[1].criteria[0].levels[1].value', message: '1 comes after 3; list descriptors in scale order, lowest first' },
      { path: 'domains[1].criteria[0].levels[2].descriptor', message: 'is required but missing' },
      { path: 'domains[1].criteria[0].notes', message: 'is not a field of this format; remove it or fix the spelling' },
      { path: 'domains[1].criteria[0].weight', message: 'must be a number, not text ("1")' },
      { path: 'kind', message: 'must be one of CAPACITY, SUPPLEMENTAL, not text ("CORE")' },
      { path: 'name', message: 'must not be empty' },
      {
        path: 'scale.levels[2].value',
        message: '2 must be greater than the level before it (3); list levels from lowest to highest, with no repeats',
      },
      { path: 'scoring.domainMaxPoints', message: 'must be greater than 0' },
      { path: 'version', message: 'must be text, not the number 2027' },
    ]);
  });

  it('should report a repeated descriptor level when a criterion describes the same level twice', () => {
    const framework = buildFramework({ scale: [1, 2, 3], domains: [{ code: 'D1', criteria: [{ code: 'C1' }] }] });
    const criterion = { ...framework.domains[0].criteria[0], levels: [level(1), level(2), level(2)] };
    const input = { ...framework, domains: [{ ...framework.domains[0], criteria: [criterion] }] };

    expect(problemsOf(input)).toEqual([
      { path: 'domains[0].criteria[0].levels[2].value', message: 'level 2 already has a descriptor at levels[1]' },
    ]);
  });

  it('should allow any number of criteria per domain when the file is not the A-11 file', () => {
    const framework = buildFramework({
      domains: [
        { code: 'ONE', criteria: [{ code: 'C1' }] },
        { code: 'MANY', criteria: Array.from({ length: 12 }, (_, index) => ({ code: `M${index}` })) },
      ],
    });

    expect(validateFrameworkFile(framework).ok).toBe(true);
  });

  it.each([
    ['an array', [], 'must be an object with named fields (a framework file), not a list'],
    ['null', null, 'must be an object with named fields (a framework file), not null'],
    ['a string', 'framework', 'must be an object with named fields (a framework file), not text ("framework")'],
    ['a number', 42, 'must be an object with named fields (a framework file), not the number 42'],
  ])('should report one clear problem when the input is %s', (_name, input, message) => {
    expect(problemsOf(input)).toEqual([{ path: '(root)', message }]);
  });

  it('should report every missing top-level field when the input is an empty object', () => {
    expect(problemsOf({}).map((problem) => problem.path)).toEqual([
      'code',
      'countsTowardTotal',
      'description',
      'domains',
      'effectiveFiscalYear',
      'kind',
      'name',
      'scale',
      'scoring',
      'version',
    ]);
  });

  it('should keep the runtime schema identical to framework.schema.json when either one changes', () => {
    expect(FRAMEWORK_JSON_SCHEMA).toEqual(readJson(join(__dirname, 'framework.schema.json')));
  });
});
