import { FrameworkFile } from './framework';
import { AssessmentScores } from './scoring';

export interface GapCriterion {
  readonly code: string;
  readonly statement: string;
}

export interface DomainGap {
  readonly domainCode: string;
  readonly domainName: string;
  readonly currentLevel: number;
  readonly targetLevel: number;
  /** targetLevel − currentLevel; always positive here. */
  readonly gap: number;
  readonly criteriaBelowTarget: readonly GapCriterion[];
}

/**
 * Domains still below their target, biggest gap first, so the action plan starts where the
 * assessment says capacity is furthest from the goal. Ties keep framework order.
 */
export function buildGapList(framework: FrameworkFile, scores: AssessmentScores): DomainGap[] {
  const domainsByCode = new Map(framework.domains.map((domain) => [domain.code, domain]));
  const gaps = scores.domains.flatMap((score): DomainGap[] => {
    const domain = domainsByCode.get(score.domainCode);
    const { currentLevel, targetLevel } = score;
    if (!domain || currentLevel === null || targetLevel === null || currentLevel >= targetLevel) {
      return [];
    }
    const criteriaByCode = new Map(domain.criteria.map((criterion) => [criterion.code, criterion]));
    return [
      {
        domainCode: domain.code,
        domainName: domain.name,
        currentLevel,
        targetLevel,
        gap: score.gap ?? targetLevel - currentLevel,
        criteriaBelowTarget: score.criteriaBelowTarget.map((code) => ({
          code,
          statement: criteriaByCode.get(code)?.statement ?? '',
        })),
      },
    ];
  });
  return gaps.sort((a, b) => b.gap - a.gap);
}
