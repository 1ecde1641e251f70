import { Injectable } from '@nestjs/common';
import { type AuditEntry, auditInsertSql, auditParams } from '@cx/api-audit';
import { prepared } from '@cx/api-shared-database';

import { LOCKED_STATUSES } from './assessment-read';

/**
 * CTEs of the autosave writes ($1: assessment id): `open` holds the assessment's id while it still takes answers,
 * share-locked (a submit's exclusive lock waits for it, and a submit that committed first is seen), or started by
 * this answer instead, as a row updated by a CTE cannot also be locked by the same statement. `when`: a condition
 * (on earlier CTEs) that the answer will be written; without it the assessment is not started, only locked.
 */
export function openForAnswers(when = 'true'): string {
  return `
      cycle_open AS (
        SELECT cy.status <> 'CLOSED' AS open FROM assessment a JOIN cycle cy ON cy.id = a.cycle_id WHERE a.id = $1),
      started AS (
        UPDATE assessment a SET status = 'IN_PROGRESS', updated_at = now()
         WHERE a.id = $1 AND a.status = 'NOT_STARTED' AND (SELECT open FROM cycle_open) AND ${when}
        RETURNING a.id),
      locked AS (
        SELECT a.id FROM assessment a
         WHERE a.id = $1 AND NOT EXISTS (SELECT 1 FROM started) AND (SELECT open FROM cycle_open)
           AND a.status NOT IN (${[...LOCKED_STATUSES].map((status) => `'${status}'`).join(', ')})
           FOR SHARE OF a),
      open AS (SELECT id FROM started UNION ALL SELECT id FROM locked)`;
}

/** What never changes about an assessment (its agency and capacity framework) and its modules, which rarely do. */
export interface AssessmentHeader {
  organizationId: string;
  frameworkVersionId: string;
  supplements: string[];
}

/**
 * The headers of assessments this process has read, so that a save can go straight to its one statement
 * (`oneStatementSave`). Only a hint: that statement checks every part of it against the row, and writes nothing
 * if one no longer holds (a module added by another process), in which case the save takes the checked path.
 */
@Injectable()
export class AssessmentHeaderCache {
  static readonly LIMIT = 10_000;
  private readonly headers = new Map<string, AssessmentHeader>();

  get(assessmentId: string): AssessmentHeader | undefined {
    return this.headers.get(assessmentId);
  }

  set(assessmentId: string, header: AssessmentHeader): void {
    this.headers.delete(assessmentId);
    // Oldest first out: a Map iterates in insertion order.
    if (this.headers.size >= AssessmentHeaderCache.LIMIT) this.headers.delete(this.headers.keys().next().value as string);
    this.headers.set(assessmentId, header);
  }
}

/** The fields of an answer that a save sets. */
export interface AnswerFields {
  level: number | null;
  notApplicable: boolean;
  rationale: string | null;
  markedForReview: boolean;
  carriedForward: boolean;
}

/** What a save asks for: a field left out (`undefined`) stays as stored. */
export interface AnswerChange {
  level?: number | null;
  notApplicable?: boolean;
  rationale?: string | null;
  markedForReview?: boolean;
  confirmCarriedForward?: boolean;
}

/**
 * The answer a save makes of `current`, by the rules the one statement also applies: fields left out stay,
 * a new level or a confirmation clears "carried forward", and a "not applicable" answer has no level.
 */
export function answerAfterSave(current: AnswerFields, change: AnswerChange): AnswerFields {
  const notApplicable = change.notApplicable ?? current.notApplicable;
  return {
    level: notApplicable ? null : change.level === undefined ? current.level : change.level,
    notApplicable,
    rationale: change.rationale === undefined ? current.rationale : change.rationale,
    markedForReview: change.markedForReview ?? current.markedForReview,
    carriedForward: change.confirmCarriedForward || change.level !== undefined ? false : current.carriedForward,
  };
}

/**
 * The stored answer is already what this save asks for, so sending it again changes nothing: a retry of a save
 * whose reply was lost, or someone making the same change first. Such a save succeeds at the stored version
 * whatever version it expected, since no one's edit is overwritten.
 */
export function alreadySaved(current: AnswerFields, change: AnswerChange): boolean {
  const after = answerAfterSave(current, change);
  // Each field sent as stored, too: a level sent with an answer left "not applicable" was asked for, not stored.
  const asSent = (['level', 'notApplicable', 'rationale', 'markedForReview'] as const).every(
    (key) => change[key] === undefined || change[key] === current[key],
  );
  return asSent && (Object.keys(after) as Array<keyof AnswerFields>).every((key) => after[key] === current[key]);
}

/** What a save whose expected version is no longer the stored one comes to. */
export type StaleSaveOutcome = 'already-saved' | 'on-top' | 'conflict';

/**
 * A stale save succeeds without writing if the answer already is what it asks for (`alreadySaved`); it is applied
 * on top if the stored answer was written by one of the sender's own earlier saves whose replies it did not get
 * (`afterSaveIds`), as each of those was itself applied only at a version it had seen or written; otherwise
 * someone else saved in between, and it is a conflict.
 */
export function staleSaveOutcome(
  stored: AnswerFields & { lastSaveId: string | null },
  change: AnswerChange,
  afterSaveIds: readonly string[],
): StaleSaveOutcome {
  if (alreadySaved(stored, change)) return 'already-saved';
  return stored.lastSaveId !== null && afterSaveIds.includes(stored.lastSaveId) ? 'on-top' : 'conflict';
}

/** The parts of a save the one statement takes; `undefined` (or null for the flags) means "leave as stored". */
export interface OneStatementSave {
  assessmentId: string;
  frameworkVersionId: string;
  criterionCode: string;
  expectedVersion: number;
  /** The client's id for this save, kept with the answer it writes (`staleSaveOutcome`). */
  saveId: string | null;
  header: AssessmentHeader;
  /** The actor leads the assessment's agency, so needs no assignment. */
  isLead: boolean;
  userId: string;
  level: number | null | undefined;
  notApplicable: boolean | undefined;
  rationale: string | null | undefined;
  markedForReview: boolean | undefined;
  /** Clears "carried forward": a confirmation, or a new level. */
  resetCarriedForward: boolean;
}

/** The row the one statement returns when it wrote the answer (none when it did not). */
export interface OneStatementSaveRow {
  id: string;
  version: number;
  updated_at: Date;
  level: number | null;
  not_applicable: boolean;
  rationale: string | null;
  marked_for_review: boolean;
  carried_forward: boolean;
  assignee_user_id: string | null;
  assignee_name: string | null;
  due_on: string | null;
  status: string;
  started: boolean;
  /** Every answer and target of the assessment before this save (all its frameworks), for the scores after it. */
  answers: AnswerSummary[] | null;
  targets: TargetSummary[] | null;
}

/** An answer as the save statements return it for scoring: framework, criterion, level, not applicable, marked. */
export interface AnswerSummary {
  f: string;
  c: string;
  l: number | null;
  n: boolean;
  m: boolean;
}

/** A target as the save statements return it: framework, domain, target level. */
export interface TargetSummary {
  f: string;
  d: string;
  t: number | null;
}

const ANSWER_FIELDS = (alias: string): string =>
  `jsonb_build_object('level', ${alias}.level, 'notApplicable', ${alias}.not_applicable, 'rationale', ${alias}.rationale,
                      'markedForReview', ${alias}.marked_for_review, 'carriedForward', ${alias}.carried_forward)`;

/** The audit event's changes: each field whose stored value (`b`) differs from the written one (`w`), before and after. */
const CHANGES_SQL = `(SELECT jsonb_object_agg(o.key, jsonb_build_object('before', o.value, 'after', n.value))
                        FROM jsonb_each(${ANSWER_FIELDS('b')}) o JOIN jsonb_each(${ANSWER_FIELDS('w')}) n ON n.key = o.key
                       WHERE o.value <> n.value)`;

/** Parameters of the save itself, before the audit event's. */
const SAVE_PARAMETERS = 17;

/** The answer to save, in `criterion_response r`. */
const THE_ANSWER = `r.assessment_id = $1 AND r.framework_version_id = $2::uuid AND r.criterion_code = $3::varchar`;

/**
 * The whole save as one statement, so one implicit transaction; prepared, as planning it costs more than running
 * it. It writes (the answer, the assessment's start, the audit event with its before/after changes) only if every
 * rule that the checked path enforces between its read and its write holds: the header is still the assessment's,
 * the stored version is the expected one, the actor leads or is assigned, and a "not applicable" answer keeps a
 * rationale; and the assessment takes answers (the `open` CTEs). Otherwise it writes nothing and returns no row,
 * and the checked path finds out why. $1–$17: see `oneStatementSave`; the audit event's parameters follow.
 * The caller has checked what needs no database: the agency scope (of the header), the criterion and the level.
 */
const ONE_STATEMENT_SAVE_SQL = prepared(`
    WITH
      head AS (
        SELECT a.status FROM assessment a
         WHERE a.id = $1 AND a.organization_id = $5::uuid AND a.framework_version_id = $6::uuid
           AND a.supplemental_framework_version_ids = $7::jsonb),
      base AS (
        SELECT r.id, r.level, r.not_applicable, r.rationale, r.marked_for_review, r.carried_forward, r.version,
               r.assignee_user_id, r.due_on
          FROM criterion_response r WHERE ${THE_ANSWER}
        UNION ALL
        SELECT NULL::uuid, NULL::int, false, NULL::text, false, false, 0, NULL::uuid, NULL::date
         WHERE NOT EXISTS (SELECT 1 FROM criterion_response r WHERE ${THE_ANSWER})),
      merged AS (
        SELECT b.id, CASE WHEN $10::boolean THEN $11::int ELSE b.level END AS level,
               COALESCE($12::boolean, b.not_applicable) AS not_applicable,
               CASE WHEN $13::boolean THEN $14::text ELSE b.rationale END AS rationale,
               COALESCE($15::boolean, b.marked_for_review) AS marked_for_review,
               b.carried_forward AND NOT $16::boolean AS carried_forward
          FROM base b
         WHERE EXISTS (SELECT 1 FROM head) AND b.version = $4::int AND ($8::boolean OR b.assignee_user_id = $9::uuid)),
      next AS (
        SELECT m.id, CASE WHEN m.not_applicable THEN NULL ELSE m.level END AS level, m.not_applicable, m.rationale,
               m.marked_for_review, m.carried_forward
          FROM merged m WHERE NOT (m.not_applicable AND COALESCE(m.rationale, '') = '')),
      ${openForAnswers('EXISTS (SELECT 1 FROM next)')},
      updated AS (
        UPDATE criterion_response r
           SET level = n.level, not_applicable = n.not_applicable, rationale = n.rationale,
               marked_for_review = n.marked_for_review, carried_forward = n.carried_forward,
               updated_by_user_id = $9::uuid, last_save_id = $17::uuid, version = r.version + 1, updated_at = now()
          FROM next n WHERE r.id = n.id AND r.version = $4::int AND EXISTS (SELECT 1 FROM open)
        RETURNING r.id, r.version, r.updated_at, r.level, r.not_applicable, r.rationale, r.marked_for_review, r.carried_forward),
      inserted AS (
        INSERT INTO criterion_response (assessment_id, framework_version_id, criterion_code, level, not_applicable, rationale,
                                        marked_for_review, carried_forward, updated_by_user_id, last_save_id)
        SELECT $1, $2::uuid, $3::varchar, n.level, n.not_applicable, n.rationale, n.marked_for_review, n.carried_forward, $9::uuid,
               $17::uuid
          FROM next n WHERE n.id IS NULL AND EXISTS (SELECT 1 FROM open)
        ON CONFLICT (assessment_id, framework_version_id, criterion_code) DO NOTHING
        RETURNING id, version, updated_at, level, not_applicable, rationale, marked_for_review, carried_forward),
      written AS (SELECT * FROM updated UNION ALL SELECT * FROM inserted),
      audited AS (${auditInsertSql(SAVE_PARAMETERS, 'written w CROSS JOIN base b', { changesSql: CHANGES_SQL })})
    SELECT w.*, b.assignee_user_id, b.due_on, (SELECT u.display_name FROM app_user u WHERE u.id = b.assignee_user_id) AS assignee_name,
           (SELECT status FROM head) AS status, EXISTS (SELECT 1 FROM started) AS started,
           (SELECT json_agg(json_build_object('f', x.framework_version_id, 'c', x.criterion_code, 'l', x.level,
                                              'n', x.not_applicable, 'm', x.marked_for_review))
              FROM criterion_response x WHERE x.assessment_id = $1) AS answers,
           (SELECT json_agg(json_build_object('f', t.framework_version_id, 'd', t.domain_code, 't', t.target_level))
              FROM domain_target t WHERE t.assessment_id = $1) AS targets
      FROM written w CROSS JOIN base b`);

/** `ONE_STATEMENT_SAVE_SQL` and its parameters for this save and its audit event. */
export function oneStatementSave(save: OneStatementSave, event: AuditEntry): { sql: string; params: unknown[] } {
  const params = [
    save.assessmentId,
    save.frameworkVersionId,
    save.criterionCode,
    save.expectedVersion,
    save.header.organizationId,
    save.header.frameworkVersionId,
    JSON.stringify(save.header.supplements),
    save.isLead,
    save.userId,
    save.level !== undefined,
    save.level ?? null,
    save.notApplicable ?? null,
    save.rationale !== undefined,
    save.rationale ?? null,
    save.markedForReview ?? null,
    save.resetCarriedForward,
    save.saveId,
  ];
  if (params.length !== SAVE_PARAMETERS) throw new Error('oneStatementSave: parameters out of step with its SQL');
  return { sql: ONE_STATEMENT_SAVE_SQL, params: [...params, ...auditParams({ ...event, changes: undefined })] };
}
