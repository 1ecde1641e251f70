import { buildFramework } from '../testing/framework-fixtures';
import { buildGapList } from './gap-list';
import { computeAssessmentScores, CriterionResponseInput } from './scoring';

const FRAMEWORK = buildFramework({
  domains: [
    { code: 'NEAR', criteria: [{ code: 'N1' }, { code: 'N2' }] },
    { code: 'FAR', criteria: [{ code: 'F1' }, { code: 'F2' }] },
    { code: 'MET', criteria: [{ code: 'M1' }] },
    { code: 'OPEN', criteria: [{ code: 'O1' }] },
    { code: 'BLANK', criteria: [{ code: 'B1' }] },
  ],
});

const answer = (criterionCode: string, level: number): CriterionResponseInput => ({ criterionCode, level, notApplicable: false });

describe(buildGapList.name, () => {
  it('should list domains below target, biggest gap first, with the criteria below target', () => {
    const scores = computeAssessmentScores(
      FRAMEWORK,
      [answer('N1', 3), answer('N2', 4), answer('F1', 1), answer('F2', 2), answer('M1', 4), answer('O1', 2)],
      [
        { domainCode: 'NEAR', targetLevel: 4 },
        { domainCode: 'FAR', targetLevel: 4 },
        { domainCode: 'MET', targetLevel: 4 },
        { domainCode: 'OPEN', targetLevel: null },
        { domainCode: 'BLANK', targetLevel: 5 },
      ],
    );

    expect(buildGapList(FRAMEWORK, scores)).toEqual([
      {
        domainCode: 'FAR',
        domainName: 'Domain FAR',
        currentLevel: 1.5,
        targetLevel: 4,
        gap: 2.5,
        criteriaBelowTarget: [
          { code: 'F1', statement: 'Statement F1' },
          { code: 'F2', statement: 'Statement F2' },
        ],
      },
      {
        domainCode: 'NEAR',
        domainName: 'Domain NEAR',
        currentLevel: 3.5,
        targetLevel: 4,
        gap: 0.5,
        criteriaBelowTarget: [{ code: 'N1', statement: 'Statement N1' }],
      },
    ]);
  });

  it('should keep framework order when two domains have the same gap', () => {
    const scores = computeAssessmentScores(
      FRAMEWORK,
      [answer('N1', 2), answer('N2', 2), answer('F1', 2), answer('F2', 2)],
      [
        { domainCode: 'FAR', targetLevel: 3 },
        { domainCode: 'NEAR', targetLevel: 3 },
      ],
    );

    expect(buildGapList(FRAMEWORK, scores).map((gap) => gap.domainCode)).toEqual(['NEAR', 'FAR']);
  });

  it('should return an empty list when no domain is below its target', () => {
    const scores = computeAssessmentScores(FRAMEWORK, [answer('M1', 5)], [{ domainCode: 'MET', targetLevel: 5 }]);

    expect(buildGapList(FRAMEWORK, scores)).toEqual([]);
  });
});
