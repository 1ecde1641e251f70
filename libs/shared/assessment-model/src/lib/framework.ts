/**
 * A framework file is versioned data, not code: OMB can change the A-11 §280 functions, levels or
 * questions in any year, so each cycle points at one framework file (code + version) and the app
 * reads everything it shows and scores from that file.
 */

/** CAPACITY is the A-11 §280 assessment itself; SUPPLEMENTAL modules (such as CivX) reuse the machinery. */
export type FrameworkKind = 'CAPACITY' | 'SUPPLEMENTAL';

export const FRAMEWORK_KINDS: readonly FrameworkKind[] = ['CAPACITY', 'SUPPLEMENTAL'];

/**
 * MEAN_LEVEL_SCALED, the only scoring method so far:
 * - A criterion's level is normalised to 0..1 over the scale range: (level − lowest) / (highest − lowest).
 * - Domain score = weighted mean of the normalised levels of answered, non-N/A criteria × domainMaxPoints.
 * - N/A criteria leave both the numerator and the denominator, so they neither help nor hurt.
 * - A domain with no scorable answers scores null: it is left out of the total and reported as incomplete.
 * - Total = sum of the domain scores (5 functions × 7 points = OMB's FY2020 "35-point scale").
 */
export type ScoringMethod = 'MEAN_LEVEL_SCALED';

export const SCORING_METHODS: readonly ScoringMethod[] = ['MEAN_LEVEL_SCALED'];

/** One step of the maturity scale shared by every criterion in the framework. */
export interface ScaleLevel {
  readonly value: number;
  readonly label: string;
  /** One plain-language sentence that tells a respondent when this level fits. */
  readonly definition: string;
}

export interface FrameworkScale {
  /** Ordered by strictly ascending value; the first and last values set the 0..1 range. */
  readonly levels: readonly ScaleLevel[];
}

export interface FrameworkScoring {
  readonly method: ScoringMethod;
  readonly domainMaxPoints: number;
  /** The scoring rule in words, shipped with the data so reviewers read it next to the numbers. */
  readonly description: string;
}

/** What a given scale level looks like for one criterion. */
export interface CriterionLevel {
  readonly value: number;
  readonly descriptor: string;
}

export interface FrameworkCriterion {
  /** Unique across the whole framework, so a response needs only the criterion code. */
  readonly code: string;
  readonly statement: string;
  /** What good looks like, in plain language. */
  readonly guidance: string;
  /** What to attach or link as evidence. */
  readonly evidencePrompt: string;
  /** Relative weight inside its domain; must be positive. */
  readonly weight: number;
  /** One descriptor per scale level, in scale order. */
  readonly levels: readonly CriterionLevel[];
}

export interface FrameworkDomain {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly criteria: readonly FrameworkCriterion[];
}

export interface FrameworkFile {
  /** Optional pointer to the JSON Schema, so editors can check the file as it is written. */
  readonly $schema?: string;
  readonly code: string;
  readonly name: string;
  readonly version: string;
  readonly effectiveFiscalYear: number;
  readonly kind: FrameworkKind;
  readonly description: string;
  /** False for modules reported beside, never inside, the A-11 total. */
  readonly countsTowardTotal: boolean;
  readonly scale: FrameworkScale;
  readonly scoring: FrameworkScoring;
  readonly domains: readonly FrameworkDomain[];
}
