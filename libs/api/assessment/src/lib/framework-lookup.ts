import { BadUserInputError } from '@cx/api-shared-graphql';
import type { FrameworkCriterion, FrameworkDomain, FrameworkFile } from '@cx/shared-assessment-model';

import type { FrameworkVersionEntity } from './entities/framework-version.entity';

/** Input checks against the assessment’s own framework version, reported on the field that is wrong. */
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

/**
 * The criterion with this code in the first of the assessment's frameworks that has it (the capacity
 * framework comes first, then the supplemental modules the agency added).
 */
export function findCriterion(
  frameworks: ReadonlyArray<FrameworkVersionEntity | undefined>,
  code: string,
  path = 'input.criterionCode',
): { framework: FrameworkVersionEntity; criterion: FrameworkCriterion } {
  for (const framework of frameworks) {
    if (!framework) continue;
    const criterion = (framework.definition as unknown as FrameworkFile).domains.flatMap((d) => d.criteria).find((c) => c.code === code);
    if (criterion) return { framework, criterion };
  }
  throw BadUserInputError.field(path, 'This question is not part of this assessment’s framework.');
}
