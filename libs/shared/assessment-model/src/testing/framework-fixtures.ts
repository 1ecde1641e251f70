import { FrameworkCriterion, FrameworkDomain, FrameworkFile } from '../lib/framework';

export interface CriterionShape {
  readonly code: string;
  readonly weight?: number;
}

export interface DomainShape {
  readonly code: string;
  readonly criteria: readonly CriterionShape[];
}

export interface FrameworkShape {
  readonly scale?: readonly number[];
  readonly domainMaxPoints?: number;
  readonly domains: readonly DomainShape[];
}

/** A valid framework built from just the parts a test cares about; text fields get filler. */
export function buildFramework(shape: FrameworkShape): FrameworkFile {
  const scale = shape.scale ?? [1, 2, 3, 4, 5];
  return {
    code: 'TEST',
    name: 'Test framework',
    version: '1.0',
    effectiveFiscalYear: 2027,
    kind: 'CAPACITY',
    description: 'A framework for tests.',
    countsTowardTotal: true,
    scale: { levels: scale.map((value) => ({ value, label: `Level ${value}`, definition: `Level ${value} applies.` })) },
    scoring: { method: 'MEAN_LEVEL_SCALED', domainMaxPoints: shape.domainMaxPoints ?? 7, description: 'Weighted mean level, scaled.' },
    domains: shape.domains.map((domain) => buildDomain(domain, scale)),
  };
}

function buildDomain(domain: DomainShape, scale: readonly number[]): FrameworkDomain {
  return {
    code: domain.code,
    name: `Domain ${domain.code}`,
    description: 'A domain for tests.',
    criteria: domain.criteria.map((criterion) => buildCriterion(criterion, scale)),
  };
}

function buildCriterion(criterion: CriterionShape, scale: readonly number[]): FrameworkCriterion {
  return {
    code: criterion.code,
    statement: `Statement ${criterion.code}`,
    guidance: 'Guidance.',
    evidencePrompt: 'Evidence.',
    weight: criterion.weight ?? 1,
    levels: scale.map((value) => ({ value, descriptor: `${criterion.code} at ${value}` })),
  };
}

/** Drops one criterion, as if the framework never had it. */
export function withoutCriterion(framework: FrameworkFile, criterionCode: string): FrameworkFile {
  return {
    ...framework,
    domains: framework.domains.map((domain) => ({
      ...domain,
      criteria: domain.criteria.filter((criterion) => criterion.code !== criterionCode),
    })),
  };
}
