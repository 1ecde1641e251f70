import fc from 'fast-check';

import { buildFramework, withoutCriterion } from '../testing/framework-fixtures';
import { FrameworkFile } from './framework';
import { computeAssessmentScores, CriterionResponseInput, roundTo, ScoringInputError } from './scoring';
import { loadShippedFrameworks } from './shipped-frameworks';

const [A11] = loadShippedFrameworks();
const RUNS = { numRuns: 200 };

function allCriteria(framework: FrameworkFile) {
  return framework.domains.flatMap((domain) => domain.criteria);
}

function answerAll(framework: FrameworkFile, level: number | ((code: string) => number)): CriterionResponseInput[] {
  return allCriteria(framework).map((criterion) => ({
    criterionCode: criterion.code,
    level: typeof level === 'number' ? level : level(criterion.code),
    notApplicable: false,
  }));
}

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

// Small random frameworks: odd scales, fractional weights and points, 1–4 domains of 1–5 criteria.
const frameworkArb = fc
  .record({
    scale: fc
      .uniqueArray(fc.integer({ min: -3, max: 10 }), { minLength: 2, maxLength: 6 })
      .map((values) => [...values].sort((a, b) => a - b)),
    domainMaxPoints: fc.double({ min: 0.5, max: 20, noNaN: true }),
    weights: fc.array(fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 1, maxLength: 5 }), {
      minLength: 1,
      maxLength: 4,
    }),
  })
  .map(({ scale, domainMaxPoints, weights }) =>
    buildFramework({
      scale,
      domainMaxPoints,
      domains: weights.map((domainWeights, d) => ({
        code: `D${d}`,
        criteria: domainWeights.map((weight, c) => ({ code: `C${d}-${c}`, weight })),
      })),
    }),
  );

function responsesArb(framework: FrameworkFile): fc.Arbitrary<CriterionResponseInput[]> {
  const levels = framework.scale.levels.map((level) => level.value);
  const perCriterion = allCriteria(framework).map((criterion) =>
    fc.option(
      fc.record({
        criterionCode: fc.constant(criterion.code),
        level: fc.option(fc.constantFrom(...levels), { nil: null }),
        notApplicable: fc.boolean(),
      }),
      { nil: undefined },
    ),
  );
  return fc.tuple(...perCriterion).map((responses) => responses.filter((response) => response !== undefined));
}

const scenarioArb = frameworkArb.chain((framework) =>
  fc.record({ framework: fc.constant(framework), responses: responsesArb(framework), pick: fc.nat(), bump: fc.nat() }),
);

describe(computeAssessmentScores.name, () => {
  describe('examples', () => {
    it('should give 7 points per function and 35 in total when every A-11 criterion is at the top level', () => {
      const sut = computeAssessmentScores(A11, answerAll(A11, 5), []);

      expect(sut.domains.map((domain) => domain.score)).toEqual([7, 7, 7, 7, 7]);
      expect(sut.total).toBe(35);
      expect(sut.maxTotal).toBe(35);
      expect(sut.completion).toBe(1);
      expect(sut.incompleteDomainCodes).toEqual([]);
    });

    it('should give 0 points when every A-11 criterion is at the lowest level', () => {
      const sut = computeAssessmentScores(A11, answerAll(A11, 1), []);

      expect(sut.total).toBe(0);
      expect(sut.domains.every((domain) => domain.score === 0 && domain.currentLevel === 1)).toBe(true);
    });

    it('should score the scaled mean level when a function has mixed answers', () => {
      const levels = [5, 4, 3, 3, 2, 1];
      const measurement = A11.domains[0];
      const responses = measurement.criteria.map((criterion, index) => ({
        criterionCode: criterion.code,
        level: levels[index],
        notApplicable: false,
      }));

      const [sut] = computeAssessmentScores(A11, responses, []).domains;

      // Normalised (level − 1) / 4 = 1, .75, .5, .5, .25, 0 → mean .5 → 3.5 of 7 points; mean level 18 / 6 = 3.
      expect(sut).toMatchObject({
        domainCode: 'MEASUREMENT',
        answered: 6,
        applicable: 6,
        total: 6,
        completion: 1,
        score: 3.5,
        currentLevel: 3,
      });
    });

    it('should weight criteria when weights differ', () => {
      const framework = buildFramework({
        domains: [
          {
            code: 'D',
            criteria: [
              { code: 'HEAVY', weight: 2 },
              { code: 'LIGHT', weight: 1 },
            ],
          },
        ],
      });
      const responses = [
        { criterionCode: 'HEAVY', level: 5, notApplicable: false },
        { criterionCode: 'LIGHT', level: 1, notApplicable: false },
      ];

      const [sut] = computeAssessmentScores(framework, responses, []).domains;

      // (2 × 1 + 1 × 0) / 3 × 7 = 4.666… ; (2 × 5 + 1) / 3 = 3.666…
      expect(sut.score).toBe(4.67);
      expect(sut.currentLevel).toBe(3.7);
    });

    it('should give a null score and leave the function out of the total when all its criteria are N/A', () => {
      const culture = A11.domains[2];
      const responses = answerAll(A11, 5).map((response) =>
        culture.criteria.some((criterion) => criterion.code === response.criterionCode)
          ? { ...response, level: null, notApplicable: true }
          : response,
      );

      const sut = computeAssessmentScores(A11, responses, []);
      const scored = sut.domains.find((domain) => domain.domainCode === culture.code);

      expect(scored).toMatchObject({ score: null, currentLevel: null, answered: 0, applicable: 0, completion: 0 });
      expect(sut.total).toBe(28);
      expect(sut.maxTotal).toBe(35);
      expect(sut.incompleteDomainCodes).toEqual([culture.code]);
    });

    it('should ignore a level when the criterion is also marked N/A', () => {
      const framework = buildFramework({ domains: [{ code: 'D', criteria: [{ code: 'A' }, { code: 'B' }] }] });

      const [sut] = computeAssessmentScores(
        framework,
        [
          { criterionCode: 'A', level: 5, notApplicable: false },
          { criterionCode: 'B', level: 1, notApplicable: true },
        ],
        [],
      ).domains;

      expect(sut).toMatchObject({ score: 7, answered: 1, applicable: 1 });
    });

    it('should give a null total and zero completion when nothing is answered', () => {
      const sut = computeAssessmentScores(A11, [], []);

      expect(sut.total).toBeNull();
      expect(sut.completion).toBe(0);
      expect(sut.domains.every((domain) => domain.score === null && domain.completion === 0)).toBe(true);
    });

    it('should report the gap and criteria below target when a target is set', () => {
      const framework = buildFramework({ domains: [{ code: 'D', criteria: [{ code: 'A' }, { code: 'B' }, { code: 'C' }] }] });
      const responses = [
        { criterionCode: 'A', level: 2, notApplicable: false },
        { criterionCode: 'B', level: 4, notApplicable: false },
        { criterionCode: 'C', level: 3, notApplicable: false },
      ];

      const [sut] = computeAssessmentScores(framework, responses, [{ domainCode: 'D', targetLevel: 4 }]).domains;

      expect(sut).toMatchObject({ currentLevel: 3, targetLevel: 4, gap: 1, criteriaBelowTarget: ['A', 'C'] });
    });

    it('should leave the gap null when the domain has no target', () => {
      const framework = buildFramework({ domains: [{ code: 'D', criteria: [{ code: 'A' }] }] });

      const [sut] = computeAssessmentScores(
        framework,
        [{ criterionCode: 'A', level: 2, notApplicable: false }],
        [{ domainCode: 'D', targetLevel: null }],
      ).domains;

      expect(sut).toMatchObject({ targetLevel: null, gap: null, criteriaBelowTarget: [] });
    });

    it('should still score a supplemental framework and flag that it stays out of the A-11 total', () => {
      const [, civx] = loadShippedFrameworks();

      const sut = computeAssessmentScores(civx, answerAll(civx, 5), []);

      expect(sut).toMatchObject({ frameworkCode: 'CIVX', countsTowardTotal: false, total: 20, maxTotal: 20 });
    });
  });

  describe('input checks', () => {
    it('should throw a ScoringInputError with the path when a criterion code is not in the framework', () => {
      const error = captureError(() => computeAssessmentScores(A11, [{ criterionCode: 'NOPE-1', level: 3, notApplicable: false }], []));

      expect(error).toBeInstanceOf(ScoringInputError);
      expect(error).toMatchObject({
        path: 'responses[0].criterionCode',
        message: 'responses[0].criterionCode: "NOPE-1" is not a criterion in A11-280-CAPACITY 2027.1',
      });
    });

    it.each([6, 0, 2.5, Number.NaN])('should throw a ScoringInputError with the path when the level is %p', (level) => {
      const responses = [
        { criterionCode: 'MEA-1', level: 3, notApplicable: false },
        { criterionCode: 'MEA-2', level, notApplicable: false },
      ];

      expect(captureError(() => computeAssessmentScores(A11, responses, []))).toMatchObject({
        name: 'ScoringInputError',
        path: 'responses[1].level',
      });
    });

    it('should list every problem when several inputs are wrong', () => {
      const error = captureError(() =>
        computeAssessmentScores(
          A11,
          [
            { criterionCode: 'MEA-1', level: 9, notApplicable: false },
            { criterionCode: 'MEA-1', level: 2, notApplicable: false },
          ],
          [{ domainCode: 'NOWHERE', targetLevel: 7 }],
        ),
      );

      expect(error).toMatchObject({
        path: 'responses[0].level',
        problems: [
          { path: 'responses[0].level', message: '9 is not a level on the scale (1, 2, 3, 4, 5)' },
          { path: 'responses[1].criterionCode', message: '"MEA-1" already has a response at index 0' },
          { path: 'targets[0].domainCode', message: '"NOWHERE" is not a domain in A11-280-CAPACITY 2027.1' },
          { path: 'targets[0].targetLevel', message: '7 is not a level on the scale (1, 2, 3, 4, 5)' },
        ],
      });
    });
  });

  describe('properties', () => {
    it('should keep every score within 0..domainMaxPoints and the total within 0..maxTotal when answers are random', () => {
      fc.assert(
        fc.property(scenarioArb, ({ framework, responses }) => {
          const sut = computeAssessmentScores(framework, responses, []);

          for (const domain of sut.domains) {
            expect(domain.score === null || (domain.score >= 0 && domain.score <= domain.maxPoints)).toBe(true);
          }
          expect(sut.total === null || (sut.total >= 0 && sut.total <= sut.maxTotal)).toBe(true);
        }),
        RUNS,
      );
    });

    it('should never lower the domain score or the total when one answered level goes up', () => {
      fc.assert(
        fc.property(scenarioArb, ({ framework, responses, pick, bump }) => {
          const levels = framework.scale.levels.map((level) => level.value);
          const top = levels[levels.length - 1];
          const raisable = responses.filter((response) => !response.notApplicable && response.level !== null && response.level < top);
          fc.pre(raisable.length > 0);
          const target = raisable[pick % raisable.length];
          const higher = levels.filter((value) => value > (target.level ?? top));
          const raised = responses.map((response) =>
            response === target ? { ...response, level: higher[bump % higher.length] } : response,
          );
          const domainIndex = framework.domains.findIndex((domain) =>
            domain.criteria.some((criterion) => criterion.code === target.criterionCode),
          );

          const before = computeAssessmentScores(framework, responses, []);
          const after = computeAssessmentScores(framework, raised, []);

          expect(after.domains[domainIndex].score!).toBeGreaterThanOrEqual(before.domains[domainIndex].score!);
          expect(after.total!).toBeGreaterThanOrEqual(before.total!);
        }),
        RUNS,
      );
    });

    it('should score a domain as if the criterion were removed when that criterion is marked N/A', () => {
      fc.assert(
        fc.property(scenarioArb, ({ framework, responses, pick }) => {
          const criteria = allCriteria(framework);
          const dropped = criteria[pick % criteria.length].code;
          const markedNa = [
            ...responses.filter((response) => response.criterionCode !== dropped),
            { criterionCode: dropped, level: null, notApplicable: true },
          ];
          const removed = responses.filter((response) => response.criterionCode !== dropped);

          const withNa = computeAssessmentScores(framework, markedNa, []);
          const withoutIt = computeAssessmentScores(withoutCriterion(framework, dropped), removed, []);

          const pickScoring = (domain: (typeof withNa.domains)[number]) => ({
            score: domain.score,
            currentLevel: domain.currentLevel,
            answered: domain.answered,
            applicable: domain.applicable,
            completion: domain.completion,
          });
          expect(withNa.domains.map(pickScoring)).toEqual(withoutIt.domains.map(pickScoring));
          expect(withNa.total).toBe(withoutIt.total);
        }),
        RUNS,
      );
    });

    it('should report completion as answered over applicable when answers are random', () => {
      fc.assert(
        fc.property(scenarioArb, ({ framework, responses }) => {
          const sut = computeAssessmentScores(framework, responses, []);

          for (const domain of sut.domains) {
            expect(domain.answered).toBeLessThanOrEqual(domain.applicable);
            expect(domain.applicable).toBeLessThanOrEqual(domain.total);
            expect(domain.completion).toBe(domain.applicable === 0 ? 0 : domain.answered / domain.applicable);
          }
        }),
        RUNS,
      );
    });

    it('should return the same result when run twice or with responses in another order', () => {
      const arb = scenarioArb.chain((scenario) =>
        fc.record({
          scenario: fc.constant(scenario),
          shuffled: fc.shuffledSubarray(scenario.responses, { minLength: scenario.responses.length, maxLength: scenario.responses.length }),
        }),
      );
      fc.assert(
        fc.property(arb, ({ scenario, shuffled }) => {
          const first = computeAssessmentScores(scenario.framework, scenario.responses, []);

          expect(computeAssessmentScores(scenario.framework, scenario.responses, [])).toEqual(first);
          expect(computeAssessmentScores(scenario.framework, shuffled, [])).toEqual(first);
        }),
        RUNS,
      );
    });
  });
});

describe(roundTo.name, () => {
  it.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [4.666666, 2, 4.67],
    [3.45, 1, 3.5],
    [-0.05, 1, -0.1],
    [-0.04, 1, 0],
  ])('should round %p to %p decimals as %p when the value sits near a rounding edge', (value, digits, expected) => {
    expect(roundTo(value, digits)).toBe(expected);
  });

  // The decimal-text rounding roundTo uses near ties: the arithmetic shortcut elsewhere must agree with it.
  const byDecimalText = (value: number, digits: number): number => {
    const magnitude = Number(`${Math.round(Number(`${Math.abs(value).toFixed(9)}e${digits}`))}e-${digits}`);
    return value < 0 && magnitude !== 0 ? -magnitude : magnitude;
  };

  it('should round as the decimal text does when values are random, near ties or not', () => {
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      // Exact and nearly exact ties at 1 and 2 decimals, where binary artefacts live.
      fc.integer({ min: -2_000_000, max: 2_000_000 }).map((n) => n / 200),
      fc.integer({ min: -2_000_000, max: 2_000_000 }).map((n) => n / 2000 + 1e-12),
    );
    fc.assert(
      fc.property(value, fc.constantFrom(0, 1, 2), (v, digits) => {
        expect(Object.is(roundTo(v, digits), byDecimalText(v, digits))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
