import { BadUserInputError } from '@cx/api-shared-graphql';
import type { FrameworkCriterion, FrameworkDomain, FrameworkFile } from '@cx/shared-assessment-model';

import type { FrameworkVersionEntity } from './entities/framework-version.entity';

/** Input checks against the assessment’s own framework version, reported on the field that is wrong. */
export function requireDomain(file: FrameworkFile, code: string, path = 'input.domainCode'): FrameworkDomain {
  const domain = file.domains.find((d) => d.code === code);
  if (!domain) throw BadUserInputError.field(path, 'This area is not part of this assessment’s framework.');
  return domain;
}

/** A level is one of the scale's values, or null (no answer yet). */
export function isLevelOnScale(file: FrameworkFile, level: number | null | undefined): boolean {
  return level == null || file.scale.levels.some((l) => l.value === level);
}

/** A level must be one of the scale's values; null (no answer yet) is allowed. */
export function requireLevelOnScale(file: FrameworkFile, level: number | null | undefined, path: string): void {
  if (!isLevelOnScale(file, level)) {
    const levels = file.scale.levels.map((l) => l.value);
    throw BadUserInputError.field(path, `Choose a level from ${Math.min(...levels)} to ${Math.max(...levels)}.`);
  }
}

/**
 * The criterion with this code in the first of the assessment's frameworks that has it (the capacity
 * framework comes first, then the supplemental modules the agency added), if any.
 */
export function lookupCriterion(
  frameworks: ReadonlyArray<FrameworkVersionEntity | undefined>,
  code: string,
): { framework: FrameworkVersionEntity; criterion: FrameworkCriterion } | undefined {
  for (const framework of frameworks) {
    if (!framework) continue;
    for (const domain of (framework.definition as unknown as FrameworkFile).domains) {
      const criterion = domain.criteria.find((c) => c.code === code);
      if (criterion) return { framework, criterion };
    }
  }
  return undefined;
}

/** As `lookupCriterion`, refusing a code that none of the frameworks has. */
export function findCriterion(
  frameworks: ReadonlyArray<FrameworkVersionEntity | undefined>,
  code: string,
  path = 'input.criterionCode',
): { framework: FrameworkVersionEntity; criterion: FrameworkCriterion } {
  const found = lookupCriterion(frameworks, code);
  if (!found) throw BadUserInputError.field(path, 'This question is not part of this assessment’s framework.');
  return found;
}
