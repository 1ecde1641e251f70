import { BadUserInputError } from '@cx/api-shared-graphql';
import type { FrameworkCriterion, FrameworkDomain, FrameworkFile } from '@cx/shared-assessment-model';

/** Input checks against the assessment's own framework version, reported on the field that is wrong. */
export function requireCriterion(file: FrameworkFile, code: string, path = 'input.criterionCode'): FrameworkCriterion {
  const criterion = file.domains.flatMap((d) => d.criteria).find((c) => c.code === code);
  if (!criterion) throw BadUserInputError.field(path, 'This question is not part of this assessment’s framework.');
  return criterion;
}

export function requireDomain(file: FrameworkFile, code: string, path = 'input.domainCode'): FrameworkDomain {
  const domain = file.domains.find((d) => d.code === code);
  if (!domain) throw BadUserInputError.field(path, 'This area is not part of this assessment’s framework.');
  return domain;
}

/** A level must be one of the scale's values; null (no answer yet) is allowed. */
export function requireLevelOnScale(file: FrameworkFile, level: number | null | undefined, path: string): void {
  const levels = file.scale.levels.map((l) => l.value);
  if (level != null && !levels.includes(level)) {
    throw BadUserInputError.field(path, `Choose a level from ${Math.min(...levels)} to ${Math.max(...levels)}.`);
  }
}
