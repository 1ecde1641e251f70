import { FrameworkDomain, FrameworkFile } from './framework';
import { formatPath, formatProblems, Problem } from './problem-path';

export interface CriterionResponseInput {
  readonly criterionCode: string;
  /** Null while the criterion is still unanswered. */
  readonly level: number | null;
  /** N/A wins over any level: the criterion leaves both sides of the domain's weighted mean. */
  readonly notApplicable: boolean;
}

export interface DomainTargetInput {
  readonly domainCode: string;
  readonly targetLevel: number | null;
}

export interface DomainScore {
  readonly domainCode: string;
  /** Applicable criteria that have a level. */
  readonly answered: number;
  /** Criteria not marked N/A. */
  readonly applicable: number;
  /** All criteria in the domain. */
  readonly total: number;
  /** answered / applicable; 0 when nothing is applicable, so a fully N/A domain shows as incomplete. */
  readonly completion: number;
  /** Null when nothing in the domain is scorable. */
  readonly score: number | null;
  readonly maxPoints: number;
  /** Weighted mean level of the scorable criteria, to 1 decimal. */
  readonly currentLevel: number | null;
  readonly targetLevel: number | null;
  /** targetLevel − currentLevel, to 1 decimal; positive means below target. */
  readonly gap: number | null;
  /** Answered criteria whose level is below the domain's target, in framework order. */
  readonly criteriaBelowTarget: readonly string[];
}

export interface AssessmentScores {
  readonly frameworkCode: string;
  readonly frameworkVersion: string;
  /** Copied from the framework so callers report supplemental modules beside, not inside, the A-11 total. */
  readonly countsTowardTotal: boolean;
  readonly domains: readonly DomainScore[];
  /** Sum of the scored domains; null when no domain has a score. */
  readonly total: number | null;
  /** Every domain's maxPoints, scored or not, so totals stay comparable across HISPs. */
  readonly maxTotal: number;
  /** All answered / all applicable criteria across the framework. */
  readonly completion: number;
  /** Domains below 100% completion, including fully N/A ones. */
  readonly incompleteDomainCodes: readonly string[];
}

/** Bad scoring input. `path` points at the first problem; `problems` lists them all for the API to return. */
export class ScoringInputError extends Error {
  override readonly name = 'ScoringInputError';
  readonly path: string;

  constructor(readonly problems: readonly Problem[]) {
    super(formatProblems(problems));
    this.path = problems[0]?.path ?? '';
  }
}

interface ScoringContext {
  readonly responses: ReadonlyMap<string, CriterionResponseInput>;
  readonly targets: ReadonlyMap<string, number | null>;
  readonly index: FrameworkIndex;
}

/**
 * Scores an assessment with MEAN_LEVEL_SCALED (see FrameworkFile.scoring): per domain, the weighted mean
 * of answered, non-N/A levels normalised to 0..1 × domainMaxPoints; the total sums the scored domains.
 * Pure and order-independent, so the API, the PDF and the browser all get the same numbers.
 * It runs on every assessment load and autosave, so each domain is one pass over its criteria.
 */
export function computeAssessmentScores(
  framework: FrameworkFile,
  responses: readonly CriterionResponseInput[],
  targets: readonly DomainTargetInput[] = [],
): AssessmentScores {
  const index = indexOf(framework);
  assertValidInput(index, responses, targets);
  const context: ScoringContext = {
    responses: new Map(responses.map((response) => [response.criterionCode, response])),
    targets: new Map(targets.map((target) => [target.domainCode, target.targetLevel])),
    index,
  };
  const domains = framework.domains.map((domain) => scoreDomain(domain, context));
  return summarise(framework, domains);
}

function scoreDomain(domain: FrameworkDomain, { responses, targets, index }: ScoringContext): DomainScore {
  const targetLevel = targets.get(domain.code) ?? null;
  const criteriaBelowTarget: string[] = [];
  let applicable = 0;
  let answered = 0;
  // Weighted sums in framework order, so the floating-point result does not depend on the answers' order.
  let weights = 0;
  let weightedLevels = 0;
  let weightedNormalised = 0;
  for (const criterion of domain.criteria) {
    const response = responses.get(criterion.code);
    if (response?.notApplicable) continue;
    applicable++;
    const level = response?.level ?? null;
    if (level === null) continue;
    answered++;
    weights += criterion.weight;
    weightedLevels += criterion.weight * level;
    weightedNormalised += criterion.weight * ((level - index.lowest) / index.range);
    if (targetLevel !== null && level < targetLevel) criteriaBelowTarget.push(criterion.code);
  }
  // Null when there is nothing to average, which is what makes an unanswered domain score null.
  const currentLevel = answered === 0 ? null : roundTo(weightedLevels / weights, 1);
  return {
    domainCode: domain.code,
    answered,
    applicable,
    total: domain.criteria.length,
    completion: applicable === 0 ? 0 : answered / applicable,
    // Clamp guards the stated bounds against float drift; it is monotone, so it never reorders scores.
    score: answered === 0 ? null : roundTo(clamp(weightedNormalised / weights, 0, 1) * index.maxPoints, 2),
    maxPoints: index.maxPoints,
    currentLevel,
    targetLevel,
    gap: currentLevel !== null && targetLevel !== null ? roundTo(targetLevel - currentLevel, 1) : null,
    criteriaBelowTarget,
  };
}

function summarise(framework: FrameworkFile, domains: DomainScore[]): AssessmentScores {
  const scored = domains.map((domain) => domain.score).filter((score): score is number => score !== null);
  const applicable = sum(domains.map((domain) => domain.applicable));
  return {
    frameworkCode: framework.code,
    frameworkVersion: framework.version,
    countsTowardTotal: framework.countsTowardTotal,
    domains,
    total: scored.length === 0 ? null : roundTo(sum(scored), 2),
    // Summed like the scores, so all-top answers land exactly on maxTotal.
    maxTotal: roundTo(sum(domains.map((domain) => domain.maxPoints)), 2),
    completion: applicable === 0 ? 0 : sum(domains.map((domain) => domain.answered)) / applicable,
    incompleteDomainCodes: domains.filter((domain) => domain.completion < 1).map((domain) => domain.domainCode),
  };
}

interface FrameworkIndex {
  readonly scaleValues: readonly number[];
  readonly lowest: number;
  readonly range: number;
  /** Scores are shown to 2 decimals, so the ceiling is too; otherwise 1.825 points could round to 1.83. */
  readonly maxPoints: number;
  readonly scaleSet: ReadonlySet<number>;
  readonly criterionCodes: ReadonlySet<string>;
  readonly domainCodes: ReadonlySet<string>;
  readonly label: string;
}

/** What scoring needs of a framework, built once per framework object (they are immutable once loaded). */
const indexes = new WeakMap<FrameworkFile, FrameworkIndex>();

function indexOf(framework: FrameworkFile): FrameworkIndex {
  let index = indexes.get(framework);
  if (!index) {
    const scaleValues = framework.scale.levels.map((level) => level.value);
    const lowest = Math.min(...scaleValues);
    index = {
      scaleValues,
      lowest,
      range: Math.max(...scaleValues) - lowest,
      maxPoints: roundTo(framework.scoring.domainMaxPoints, 2),
      scaleSet: new Set(scaleValues),
      criterionCodes: new Set(framework.domains.flatMap((domain) => domain.criteria.map((criterion) => criterion.code))),
      domainCodes: new Set(framework.domains.map((domain) => domain.code)),
      label: `${framework.code} ${framework.version}`,
    };
    indexes.set(framework, index);
  }
  return index;
}

/**
 * Refuses input the framework cannot score, listing every problem with its path (per item: unknown code,
 * duplicate, level off the scale). One pass, and no allocation while the input is valid: it runs on every load.
 */
function assertValidInput(
  index: FrameworkIndex,
  responses: readonly CriterionResponseInput[],
  targets: readonly DomainTargetInput[],
): void {
  const problems: Problem[] = [];
  const check = (
    list: 'responses' | 'targets',
    field: 'criterionCode' | 'domainCode',
    levelField: 'level' | 'targetLevel',
    code: string,
    level: number | null,
    at: number,
    seen: Map<string, number>,
  ): void => {
    const known = field === 'criterionCode' ? index.criterionCodes : index.domainCodes;
    if (!known.has(code)) {
      const what = field === 'criterionCode' ? `a criterion in ${index.label}` : `a domain in ${index.label}`;
      problems.push({ path: formatPath([list, at, field]), message: `${JSON.stringify(code)} is not ${what}` });
    }
    const first = seen.get(code);
    if (first === undefined) seen.set(code, at);
    else {
      const noun = list === 'responses' ? 'response' : 'target';
      problems.push({ path: formatPath([list, at, field]), message: `${JSON.stringify(code)} already has a ${noun} at index ${first}` });
    }
    if (level !== null && !index.scaleSet.has(level)) {
      problems.push({
        path: formatPath([list, at, levelField]),
        message: `${String(level)} is not a level on the scale (${index.scaleValues.join(', ')})`,
      });
    }
  };
  const seenCriteria = new Map<string, number>();
  responses.forEach((r, at) => check('responses', 'criterionCode', 'level', r.criterionCode, r.level, at, seenCriteria));
  const seenDomains = new Map<string, number>();
  targets.forEach((t, at) => check('targets', 'domainCode', 'targetLevel', t.domainCode, t.targetLevel, at, seenDomains));
  if (problems.length > 0) {
    throw new ScoringInputError(problems);
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * Half away from zero on the decimal value. Near a tie (x.5 after scaling) it goes through `toFixed(9)` and
 * exponent notation, which avoids binary artefacts (1.005 → 1.01, not 1.00), so the same inputs always print the
 * same score. Elsewhere plain arithmetic gives that same result (the division is correctly rounded, as parsing
 * the decimal text is) without building strings: this runs about twenty times per scoring.
 */
export function roundTo(value: number, digits: number): number {
  const power = 10 ** digits;
  const scaled = Math.abs(value) * power;
  const tieDistance = Math.abs(scaled - Math.trunc(scaled) - 0.5);
  const magnitude =
    tieDistance > 1e-6 && scaled < 1e9
      ? Math.round(scaled) / power
      : Number(`${Math.round(Number(`${Math.abs(value).toFixed(9)}e${digits}`))}e-${digits}`);
  return value < 0 && magnitude !== 0 ? -magnitude : magnitude;
}
