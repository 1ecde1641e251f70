import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { type AuditEntry, auditInsert, AuditService, diffChanges, withDeniedAudit } from '@cx/api-audit';
import { UserEntity } from '@cx/api-identity';
import { prepared, queryRows } from '@cx/api-shared-database';
import {
  type Actor,
  ALL_ORGANIZATIONS,
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  inScope,
  NotFoundError,
  organizationScope,
  type RequestMeta,
} from '@cx/api-shared-graphql';
import type { FrameworkFile } from '@cx/shared-assessment-model';
import { AGENCY_ROLES, AuditOutcome, OMB_ROLES, Role, ROLE_LABELS } from '@cx/shared-domain';
import { DataSource, type EntityManager } from 'typeorm';

import {
  alreadySaved,
  type AnswerFields,
  answerAfterSave,
  type AnswerSummary,
  AssessmentHeaderCache,
  oneStatementSave,
  staleSaveOutcome,
  type OneStatementSaveRow,
  openForAnswers,
  type TargetSummary,
} from './answer-write';
import { ASSESSMENT_DETAIL_SQL, type AssessmentRow, LOCKED_STATUSES, toAssessmentModel } from './assessment-read';
import type { AddEvidenceLinkInput } from './dto/add-evidence-link.input';
import type { AssignCriteriaInput } from './dto/assign-criteria.input';
import type { SaveCriterionResponseInput, SaveDomainTargetInput } from './dto/save-criterion-response.input';
import { AssessmentEntity } from './entities/assessment.entity';
import { CriterionResponseEntity } from './entities/criterion-response.entity';
import { CycleEntity } from './entities/cycle.entity';
import { DomainTargetEntity } from './entities/domain-target.entity';
import { EvidenceEntity } from './entities/evidence.entity';
import { FrameworkVersionEntity } from './entities/framework-version.entity';
import { checkEvidenceFile } from './evidence-file-policy';
import { FrameworkCache } from './framework-cache';
import { findCriterion, isLevelOnScale, lookupCriterion, requireDomain, requireLevelOnScale } from './framework-lookup';
import { MalwareScanner } from './malware-scan';
import type { AssessmentModel, CriterionResponseModel } from './models/assessment.model';
import type { AssignmentModel } from './models/assignment.model';
import type { AssessmentViewerModel, AssignableUserModel } from './models/presence.model';

const READERS = [...AGENCY_ROLES, ...OMB_ROLES];
const TARGET_CONFLICT = 'Someone else changed this target. Review it, then save again.';
const RESPONSE_FIELDS = ['level', 'notApplicable', 'rationale', 'markedForReview', 'carriedForward'] as const;

const WRITERS = [Role.AGENCY_CX_LEAD, Role.AGENCY_CONTRIBUTOR];
const LOCKED_MESSAGE = 'This assessment has been submitted, so it can no longer be changed. Ask OMB to return it if something must change.';
const CLOSED_MESSAGE = 'This fiscal year’s cycle is closed, so its assessments can no longer be changed.';
const NOT_ASSIGNED = 'This question is not assigned to you. Ask your CX lead to assign it.';

/** The actor may change this agency's assessments (as its CX lead or a contributor). */
const writesFor = (actor: Actor, organizationId: string): boolean => inScope(organizationScope(actor, WRITERS), organizationId);
/** The actor leads this agency's assessments, so needs no assignment to answer. */
const leads = (actor: Actor, organizationId: string): boolean => inScope(organizationScope(actor, [Role.AGENCY_CX_LEAD]), organizationId);

/** The assessment (locked) and the existing answer to one criterion, as the save statement returns them. */
interface AnswerContextRow {
  status: AssessmentEntity['status'];
  cycle_status: string;
  organization_id: string;
  framework_version_id: string;
  supplements: string[];
  r_id: string | null;
  r_framework_version_id: string | null;
  level: number | null;
  not_applicable: boolean | null;
  rationale: string | null;
  marked_for_review: boolean | null;
  carried_forward: boolean | null;
  assignee_user_id: string | null;
  due_on: string | null;
  version: number | null;
  assignee_name: string | null;
  updated_by_user_id: string | null;
  updated_at: Date | null;
  updated_by_name: string | null;
  last_save_id: string | null;
  /** Every answer and target of the assessment (all its frameworks), for the scores after the save. */
  answers: AnswerSummary[] | null;
  targets: TargetSummary[] | null;
}

/** The checked save's read: the assessment, the answer to one criterion ($2) and every answer and target. */
const ANSWER_CONTEXT_SQL = prepared(
  `SELECT a.status, a.organization_id, a.framework_version_id, a.supplemental_framework_version_ids AS supplements,
          (SELECT cy.status FROM cycle cy WHERE cy.id = a.cycle_id) AS cycle_status,
          r.id AS r_id, r.framework_version_id AS r_framework_version_id, r.level, r.not_applicable, r.rationale,
          r.marked_for_review, r.carried_forward, r.assignee_user_id, r.due_on, r.version, u.display_name AS assignee_name,
          r.updated_by_user_id, r.updated_at, r.last_save_id, (SELECT b.display_name FROM app_user b WHERE b.id = r.updated_by_user_id) AS updated_by_name,
          (SELECT json_agg(json_build_object('f', x.framework_version_id, 'c', x.criterion_code, 'l', x.level,
                                             'n', x.not_applicable, 'm', x.marked_for_review))
             FROM criterion_response x WHERE x.assessment_id = a.id) AS answers,
          (SELECT json_agg(json_build_object('f', t.framework_version_id, 'd', t.domain_code, 't', t.target_level))
             FROM domain_target t WHERE t.assessment_id = a.id) AS targets
     FROM assessment a
     LEFT JOIN criterion_response r ON r.assessment_id = a.id AND r.criterion_code = $2
     LEFT JOIN app_user u ON u.id = r.assignee_user_id
    WHERE a.id = $1`,
);

/** What a save returns: the answer as stored, and where to find the scores if the client asks for them. */
export interface SavedCriterionResponse {
  assessmentId: string;
  assessmentStatus: string;
  frameworkVersionId: string;
  response: CriterionResponseModel;
  /** What the scores after the save are computed from, if the client asks for them. */
  scoreInput: {
    file: FrameworkFile;
    responses: Array<{ criterionCode: string; level: number | null; notApplicable: boolean; markedForReview: boolean }>;
    targets: Array<{ domainCode: string; targetLevel: number | null }>;
  };
}

function responseFromRow(row: AnswerContextRow) {
  return {
    id: row.r_id ?? '',
    level: row.level,
    notApplicable: row.not_applicable ?? false,
    rationale: row.rationale,
    markedForReview: row.marked_for_review ?? false,
    carriedForward: row.carried_forward ?? false,
    assigneeUserId: row.assignee_user_id,
    dueOn: row.due_on,
    version: row.version ?? 0,
  };
}

/** The SUCCESS event of a saved answer (its changes added by the caller, or by the statement). */
function saveEvent(actor: Actor, meta: RequestMeta, assessmentId: string, criterionCode: string, organizationId: string): AuditEntry {
  return {
    actor,
    meta,
    action: 'assessment.save_response',
    outcome: AuditOutcome.SUCCESS,
    subjectType: 'CriterionResponse',
    subjectId: `${assessmentId}:${criterionCode}`.slice(0, 100),
    organizationId,
  };
}

/** What a save returns, from the answer as written and the assessment's answers and targets read with it. */
function savedResult(saved: {
  actor: Actor;
  assessmentId: string;
  framework: { id: string; file: FrameworkFile };
  criterionCode: string;
  next: Pick<CriterionResponseModel, 'level' | 'notApplicable' | 'rationale' | 'markedForReview' | 'carriedForward'>;
  written: { id: string; version: number; updated_at: Date };
  /** Who wrote the answer as it now stands: the actor, unless the save found it already made (`alreadySaved`). */
  updatedBy?: { id: string; displayName: string } | null;
  assignee: { id: string; displayName: string } | null;
  dueOn: string | null;
  assessmentStatus: string;
  /** Every answer and target of the assessment before the save. */
  answers: AnswerSummary[] | null;
  targets: TargetSummary[] | null;
}): SavedCriterionResponse {
  const { actor, framework, criterionCode, next } = saved;
  // Scores after this save, from the answers read plus this one: no further statement.
  const answers = (saved.answers ?? []).filter((a) => a.f === framework.id && a.c !== criterionCode);
  return {
    assessmentId: saved.assessmentId,
    assessmentStatus: saved.assessmentStatus,
    frameworkVersionId: framework.id,
    response: {
      id: saved.written.id,
      criterionCode,
      ...next,
      assignee: saved.assignee,
      dueOn: saved.dueOn,
      version: saved.written.version,
      updatedBy: saved.updatedBy === undefined ? { id: actor.userId, displayName: actor.displayName } : saved.updatedBy,
      updatedAt: new Date(saved.written.updated_at),
      editable: true,
    },
    scoreInput: {
      file: framework.file,
      responses: [
        ...answers.map((a) => ({ criterionCode: a.c, level: a.l, notApplicable: a.n, markedForReview: a.m })),
        { criterionCode, ...next },
      ],
      targets: (saved.targets ?? []).filter((t) => t.f === framework.id).map((t) => ({ domainCode: t.d, targetLevel: t.t })),
    },
  };
}

interface Loaded {
  assessment: AssessmentEntity;
  /** The capacity framework. */
  framework: FrameworkVersionEntity;
  /** Modules the agency added, in the order added. */
  supplements: FrameworkVersionEntity[];
}

/**
 * The capacity self-assessment. Agency users of the HISP (or its department)
 * read it; OMB users read progress, and answers once submitted. CX leads edit
 * everything until it is submitted; contributors edit only what is assigned to them.
 */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly frameworks: FrameworkCache,
    private readonly headers: AssessmentHeaderCache,
    private readonly scanner: MalwareScanner,
  ) {}

  /** The assessments in the actor's scope for a cycle (default: the newest open one): two statements, whatever the count. */
  async list(actor: Actor, cycleId?: string | null): Promise<AssessmentModel[]> {
    const scope = organizationScope(actor, READERS);
    if (scope !== ALL_ORGANIZATIONS && scope.size === 0) return [];
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT a.id FROM assessment a JOIN cycle c ON c.id = a.cycle_id
        WHERE CASE WHEN $1::uuid IS NULL THEN c.fiscal_year = (SELECT max(fiscal_year) FROM cycle WHERE status = 'OPEN')
                   ELSE a.cycle_id = $1 END
          AND ($2::uuid[] IS NULL OR a.organization_id = ANY($2::uuid[]))`,
      [cycleId ?? null, scope === ALL_ORGANIZATIONS ? null : [...scope]],
    );
    return this.loadModels(
      actor,
      rows.map((r) => r.id),
    );
  }

  get(actor: Actor, id: string, meta: RequestMeta): Promise<AssessmentModel> {
    return this.audit.recordDenials(() => this.read(actor, id, meta));
  }

  private async read(actor: Actor, id: string, meta: RequestMeta): Promise<AssessmentModel> {
    const [row] = await queryRows<AssessmentRow>(this.dataSource, ASSESSMENT_DETAIL_SQL, [[id]]);
    if (!row) throw new NotFoundError('assessment');
    if (!inScope(organizationScope(actor, READERS), row.organization_id)) {
      this.denied(actor, meta, 'assessment.read', { id, organizationId: row.organization_id } as AssessmentEntity);
    }
    const [model] = await this.toModels(actor, [row]);
    if (!model) throw new NotFoundError('assessment');
    return model;
  }

  /** The read check alone, for operations that need the assessment's agency but not its contents. */
  private assertMayRead(actor: Actor, id: string, meta: RequestMeta): Promise<{ organizationId: string }> {
    return this.audit.recordDenials(async () => {
      const [row] = await queryRows<{ organization_id: string }>(this.dataSource, 'SELECT organization_id FROM assessment WHERE id = $1', [
        id,
      ]);
      if (!row) throw new NotFoundError('assessment');
      if (!inScope(organizationScope(actor, READERS), row.organization_id)) {
        this.denied(actor, meta, 'assessment.read', { id, organizationId: row.organization_id } as AssessmentEntity);
      }
      return { organizationId: row.organization_id };
    });
  }

  private async loadModels(actor: Actor, ids: string[]): Promise<AssessmentModel[]> {
    if (ids.length === 0) return [];
    return this.toModels(actor, await queryRows<AssessmentRow>(this.dataSource, ASSESSMENT_DETAIL_SQL, [ids]));
  }

  /** Framework versions come from the cache (published ones never change), so this adds no statement once warm. */
  private async toModels(actor: Actor, rows: AssessmentRow[]): Promise<AssessmentModel[]> {
    for (const r of rows) {
      this.headers.set(r.id, { organizationId: r.organization_id, frameworkVersionId: r.framework_version_id, supplements: r.supplements });
    }
    const frameworks = await this.frameworks.getMany(
      rows.flatMap((r) => [
        r.framework_version_id,
        ...r.supplements,
        ...(r.previous_framework_version_id ? [r.previous_framework_version_id] : []),
      ]),
    );
    return rows.flatMap((r) => toAssessmentModel(actor, r, frameworks) ?? []);
  }

  /**
   * Saves one answer: the hot path of autosave, with no explicit transaction. Once this process has read the
   * assessment, two statements in all: the session, and one that checks every rule, writes the answer at its
   * expected version, share-locks the assessment so that a submit cannot cross it (or starts it on the first
   * answer) and writes the audit event, all or nothing (`saveInOneStatement`). If that statement writes nothing,
   * or on a first save, the checked path reads the assessment, answer and context, refuses with the reason, or
   * writes by a statement of the same kind (`saveChecked`). The scores after the save are computed, from what was
   * read, only if the client asks for them.
   */
  async saveResponse(actor: Actor, input: SaveCriterionResponseInput, meta: RequestMeta): Promise<SavedCriterionResponse> {
    return this.audit.recordDenials(
      async () => (await this.saveInOneStatement(actor, input, meta)) ?? (await this.saveChecked(actor, input, meta)),
    );
  }

  /**
   * The save with every check between its read and its write; each refusal says why. `again`: this is the one
   * repeat after this client's own lost save landed between the first attempt's read and write.
   */
  private async saveChecked(
    actor: Actor,
    input: SaveCriterionResponseInput,
    meta: RequestMeta,
    again = false,
  ): Promise<SavedCriterionResponse> {
    const manager = this.dataSource.manager;
    const rows = await queryRows<AnswerContextRow>(manager, ANSWER_CONTEXT_SQL, [input.assessmentId, input.criterionCode]);
    const head = rows[0];
    if (!head) throw new NotFoundError('assessment');
    this.headers.set(input.assessmentId, {
      organizationId: head.organization_id,
      frameworkVersionId: head.framework_version_id,
      supplements: head.supplements,
    });
    const assessment = { id: input.assessmentId, organizationId: head.organization_id } as AssessmentEntity;
    if (!writesFor(actor, head.organization_id)) {
      this.denied(actor, meta, 'assessment.save_response', assessment);
    }
    if (LOCKED_STATUSES.has(head.status)) throw new ConflictError(LOCKED_MESSAGE);
    if (head.cycle_status === 'CLOSED') throw new ConflictError(CLOSED_MESSAGE);
    const frameworks = await this.frameworks.getMany([head.framework_version_id, ...head.supplements], manager);
    const { framework, criterion } = findCriterion(
      [head.framework_version_id, ...head.supplements].map((id) => frameworks.get(id)?.entity),
      input.criterionCode,
    );
    const file = framework.definition as unknown as FrameworkFile;
    requireLevelOnScale(file, input.level, 'input.level');
    const existingRow = rows.find((r) => r.r_id && r.r_framework_version_id === framework.id);
    const existing = existingRow ? responseFromRow(existingRow) : null;
    const isLead = leads(actor, head.organization_id);
    if (!isLead && existing?.assigneeUserId !== actor.userId) {
      this.denied(actor, meta, 'assessment.save_response', assessment, NOT_ASSIGNED);
    }
    const before: AnswerFields = {
      level: existing?.level ?? null,
      notApplicable: existing?.notApplicable ?? false,
      rationale: existing?.rationale ?? null,
      markedForReview: existing?.markedForReview ?? false,
      carriedForward: existing?.carriedForward ?? false,
    };
    const next = answerAfterSave(before, input);
    if (next.notApplicable && !next.rationale) {
      throw BadUserInputError.field('input.rationale', 'Say why this question does not apply to your agency.');
    }
    if (!existing && input.expectedVersion !== 0) throw await this.conflict(manager, null);
    const result = (
      written: { id: string; version: number; updated_at: Date },
      assessmentStatus: string,
      updatedBy?: { id: string; displayName: string } | null,
    ) =>
      savedResult({
        actor,
        assessmentId: input.assessmentId,
        framework: { id: framework.id, file },
        criterionCode: criterion.code,
        next,
        written,
        ...(updatedBy === undefined ? {} : { updatedBy }),
        assignee: existing?.assigneeUserId ? { id: existing.assigneeUserId, displayName: existingRow?.assignee_name ?? '' } : null,
        dueOn: existing?.dueOn ?? null,
        assessmentStatus,
        answers: head.answers,
        targets: head.targets,
      });
    let expectedVersion = input.expectedVersion;
    if (existing && existingRow && existing.version !== input.expectedVersion) {
      const outcome = staleSaveOutcome({ ...before, lastSaveId: existingRow.last_save_id }, input, input.afterSaveIds ?? []);
      // Sent again after it was written (its reply lost), or the same change made by someone first: nothing to write.
      if (outcome === 'already-saved') {
        const by = existingRow.updated_by_user_id;
        return result(
          { id: existing.id, version: existing.version, updated_at: existingRow.updated_at ?? new Date() },
          head.status,
          by ? { id: by, displayName: existingRow.updated_by_name ?? '' } : null,
        );
      }
      // The stored answer is this client's own earlier save, whose reply it did not get: this one goes on top.
      // Anything else, someone's save in between included, gets CONFLICT from the write below.
      if (outcome === 'on-top') expectedVersion = existing.version;
    }
    const written = await this.writeAnswer(
      input.assessmentId,
      expectedVersion,
      framework.id,
      criterion.code,
      existing?.id ?? null,
      [next.level, next.notApplicable, next.rationale, next.markedForReview, next.carriedForward, actor.userId, input.saveId ?? null],
      {
        ...saveEvent(actor, meta, input.assessmentId, criterion.code, head.organization_id),
        changes: diffChanges(before, next, RESPONSE_FIELDS),
      },
    );
    // Submitted or closed between the read and the write.
    if (!written.open) throw new ConflictError(written.cycleClosed ? CLOSED_MESSAGE : LOCKED_MESSAGE);
    if (!written.row) {
      // Someone else saved this answer (or created it) after it was read: a conflict, unless theirs is this very change.
      const current = await manager.findOneBy(CriterionResponseEntity, {
        assessmentId: input.assessmentId,
        frameworkVersionId: framework.id,
        criterionCode: criterion.code,
      });
      // This client's own earlier save (named in afterSaveIds), whose reply it never got, landed in between: read
      // again and go on top of it, once; a save by anyone else in between still ends in CONFLICT.
      if (!again && current?.lastSaveId && input.afterSaveIds?.includes(current.lastSaveId) && !alreadySaved(current, input)) {
        return this.saveChecked(actor, input, meta, true);
      }
      if (!current || !alreadySaved(current, input)) throw await this.conflict(manager, current);
      const by = current.updatedByUserId ? await manager.findOneBy(UserEntity, { id: current.updatedByUserId }) : null;
      return result(
        { id: current.id, version: current.version, updated_at: current.updatedAt },
        head.status === 'NOT_STARTED' ? 'IN_PROGRESS' : head.status,
        by ? { id: by.id, displayName: by.displayName } : null,
      );
    }
    return result(written.row, written.started || head.status === 'NOT_STARTED' ? 'IN_PROGRESS' : head.status);
  }

  /**
   * The save in one statement (`oneStatementSave`) when this process knows the assessment's header: two
   * statements in all, with the session's. Null when that statement wrote nothing, or when a check that needs no
   * database fails: the checked path then decides, by the same rules, and says why in its error.
   */
  private async saveInOneStatement(
    actor: Actor,
    input: SaveCriterionResponseInput,
    meta: RequestMeta,
  ): Promise<SavedCriterionResponse | null> {
    const header = this.headers.get(input.assessmentId);
    if (!header || !writesFor(actor, header.organizationId)) return null;
    const ids = [header.frameworkVersionId, ...header.supplements];
    const frameworks = await this.frameworks.getMany(ids);
    const found = lookupCriterion(
      ids.map((id) => frameworks.get(id)?.entity),
      input.criterionCode,
    );
    const file = found?.framework.definition as unknown as FrameworkFile | undefined;
    if (!found || !file || !isLevelOnScale(file, input.level)) return null;
    const { sql, params } = oneStatementSave(
      {
        assessmentId: input.assessmentId,
        frameworkVersionId: found.framework.id,
        criterionCode: found.criterion.code,
        expectedVersion: input.expectedVersion,
        saveId: input.saveId ?? null,
        header,
        isLead: leads(actor, header.organizationId),
        userId: actor.userId,
        level: input.level,
        notApplicable: input.notApplicable,
        rationale: input.rationale,
        markedForReview: input.markedForReview,
        resetCarriedForward: Boolean(input.confirmCarriedForward) || input.level !== undefined,
      },
      saveEvent(actor, meta, input.assessmentId, found.criterion.code, header.organizationId),
    );
    const [row] = await queryRows<OneStatementSaveRow>(this.dataSource, sql, params);
    if (!row) return null;
    return savedResult({
      actor,
      assessmentId: input.assessmentId,
      framework: { id: found.framework.id, file },
      criterionCode: found.criterion.code,
      next: {
        level: row.level,
        notApplicable: row.not_applicable,
        rationale: row.rationale,
        markedForReview: row.marked_for_review,
        carriedForward: row.carried_forward,
      },
      written: row,
      assignee: row.assignee_user_id ? { id: row.assignee_user_id, displayName: row.assignee_name ?? '' } : null,
      dueOn: row.due_on,
      assessmentStatus: row.started || row.status === 'NOT_STARTED' ? 'IN_PROGRESS' : row.status,
      answers: row.answers,
      targets: row.targets,
    });
  }

  /**
   * One statement, so one implicit transaction: the answer is written only while the assessment takes answers
   * (`openForAnswers`), and only at the expected version; its audit event only if it was written.
   * `values`: level, notApplicable, rationale, markedForReview, carriedForward, updatedBy, the client's save id.
   */
  private async writeAnswer(
    assessmentId: string,
    expectedVersion: number,
    frameworkVersionId: string,
    criterionCode: string,
    existingId: string | null,
    values: unknown[],
    event: AuditEntry,
  ): Promise<{ open: boolean; started: boolean; cycleClosed: boolean; row?: { id: string; version: number; updated_at: Date } }> {
    // Only an answer that will be written starts the assessment: not one that meets a newer version.
    const writable = existingId
      ? 'EXISTS (SELECT 1 FROM criterion_response r WHERE r.id = $2 AND r.version = $3)'
      : 'NOT EXISTS (SELECT 1 FROM criterion_response r WHERE r.assessment_id = $1 AND r.framework_version_id = $2 AND r.criterion_code = $3)';
    const [sql, params] = existingId
      ? [
          `UPDATE criterion_response
              SET level = $4, not_applicable = $5, rationale = $6, marked_for_review = $7, carried_forward = $8,
                  updated_by_user_id = $9, last_save_id = $10, version = version + 1, updated_at = now()
            WHERE id = $2 AND version = $3 AND EXISTS (SELECT 1 FROM open)
           RETURNING id, version, updated_at`,
          [assessmentId, existingId, expectedVersion, ...values],
        ]
      : [
          `INSERT INTO criterion_response (assessment_id, framework_version_id, criterion_code, level, not_applicable, rationale,
                                           marked_for_review, carried_forward, updated_by_user_id, last_save_id)
           SELECT $1::uuid, $2::uuid, $3::varchar, $4::int, $5::boolean, $6::text, $7::boolean, $8::boolean, $9::uuid, $10::uuid
            WHERE EXISTS (SELECT 1 FROM open)
           ON CONFLICT (assessment_id, framework_version_id, criterion_code) DO NOTHING
           RETURNING id, version, updated_at`,
          [assessmentId, frameworkVersionId, criterionCode, ...values],
        ];
    const audit = auditInsert(event, params.length, 'written');
    const rows = await queryRows<{
      open: boolean;
      started: boolean;
      cycle_closed: boolean;
      id: string | null;
      version: number | null;
      updated_at: Date | null;
    }>(
      this.dataSource,
      `WITH ${openForAnswers(writable)},
         written AS (${sql}),
         audited AS (${audit.sql})
       SELECT EXISTS (SELECT 1 FROM open) AS open, EXISTS (SELECT 1 FROM started) AS started,
              NOT COALESCE((SELECT open FROM cycle_open), true) AS cycle_closed,
              w.id, w.version, w.updated_at
         FROM (SELECT 1) one LEFT JOIN written w ON true`,
      [...params, ...audit.params],
    );
    const result = rows[0];
    return {
      open: result?.open ?? false,
      started: result?.started ?? false,
      cycleClosed: result?.cycle_closed ?? false,
      ...(result?.id ? { row: { id: result.id, version: result.version ?? 0, updated_at: result.updated_at ?? new Date() } } : {}),
    };
  }

  async saveTarget(actor: Actor, input: SaveDomainTargetInput, meta: RequestMeta): Promise<AssessmentModel> {
    await this.audit.recordDenials(() =>
      this.dataSource.transaction(async (manager) => {
        const loaded = await this.loadForWrite(manager, actor, input.assessmentId, meta, 'assessment.save_target');
        this.assertLead(actor, meta, 'assessment.save_target', loaded, 'Only the CX lead sets targets.');
        const file = loaded.framework.definition as unknown as FrameworkFile;
        requireDomain(file, input.domainCode);
        requireLevelOnScale(file, input.targetLevel, 'input.targetLevel');
        const repo = manager.getRepository(DomainTargetEntity);
        const key = { assessmentId: loaded.assessment.id, frameworkVersionId: loaded.framework.id, domainCode: input.domainCode };
        const existing = await repo.findOneBy(key);
        const next = {
          targetLevel: input.targetLevel === undefined ? (existing?.targetLevel ?? null) : input.targetLevel,
          narrative: input.narrative === undefined ? (existing?.narrative ?? null) : input.narrative,
        };
        if (!existing) {
          if (input.expectedVersion !== 0) throw new ConflictError(TARGET_CONFLICT);
          const inserted = await manager
            .createQueryBuilder()
            .insert()
            .into(DomainTargetEntity)
            .values({ ...key, ...next, updatedByUserId: actor.userId })
            .orIgnore()
            .returning('id')
            .execute();
          if (inserted.raw.length === 0) throw new ConflictError(TARGET_CONFLICT);
        } else {
          const result = await manager
            .createQueryBuilder()
            .update(DomainTargetEntity)
            .set({ ...next, updatedByUserId: actor.userId, version: () => 'version + 1' })
            .where('id = :id AND version = :version', { id: existing.id, version: input.expectedVersion })
            .execute();
          if (result.affected !== 1) throw new ConflictError(TARGET_CONFLICT, { currentVersion: existing.version });
        }
        await this.audit.record(manager, {
          actor,
          meta,
          action: 'assessment.save_target',
          outcome: AuditOutcome.SUCCESS,
          subjectType: 'DomainTarget',
          subjectId: `${loaded.assessment.id}:${input.domainCode}`.slice(0, 100),
          organizationId: loaded.assessment.organizationId,
          changes: diffChanges({ targetLevel: existing?.targetLevel ?? null, narrative: existing?.narrative ?? null }, next, [
            'targetLevel',
            'narrative',
          ]),
        });
      }),
    );
    return this.get(actor, input.assessmentId, meta);
  }

  /** A CX lead gives criteria (or a whole domain) to someone of the same agency, with an optional due date. */
  async assign(actor: Actor, input: AssignCriteriaInput, meta: RequestMeta): Promise<AssessmentModel> {
    await this.audit.recordDenials(() =>
      this.dataSource.transaction(async (manager) => {
        const loaded = await this.loadForWrite(manager, actor, input.assessmentId, meta, 'assessment.assign');
        this.assertLead(actor, meta, 'assessment.assign', loaded, 'Only the CX lead assigns questions.');
        // The capacity framework and any module the agency added: code → framework (first one wins).
        const frameworkOf = new Map<string, string>();
        const domains = [loaded.framework, ...loaded.supplements].flatMap((f) => {
          const file = f.definition as unknown as FrameworkFile;
          for (const c of file.domains.flatMap((d) => d.criteria)) if (!frameworkOf.has(c.code)) frameworkOf.set(c.code, f.id);
          return file.domains;
        });
        const domain = input.domainCode ? domains.find((d) => d.code === input.domainCode) : undefined;
        if (input.domainCode && !domain)
          throw BadUserInputError.field('input.domainCode', 'This area is not part of this assessment’s framework.');
        const codes = [...new Set([...(input.criterionCodes ?? []), ...(domain?.criteria.map((c) => c.code) ?? [])])];
        if (codes.length === 0) throw BadUserInputError.field('input.criterionCodes', 'Choose at least one question or an area to assign.');
        const unknown = codes.filter((c) => !frameworkOf.has(c));
        if (unknown.length)
          throw BadUserInputError.field('input.criterionCodes', `These questions are not in this framework: ${unknown.join(', ')}.`);
        if (input.assigneeUserId) {
          const [member]: unknown[] = await manager.query(
            `SELECT 1 FROM role_assignment ra JOIN organization o ON o.id = ra.organization_id
            WHERE ra.user_id = $1 AND ra.role IN ('AGENCY_CONTRIBUTOR', 'AGENCY_CX_LEAD') AND (o.id = $2 OR o.id = (SELECT parent_id FROM organization WHERE id = $2))`,
            [input.assigneeUserId, loaded.assessment.organizationId],
          );
          if (!member) throw BadUserInputError.field('input.assigneeUserId', 'Choose a contributor or CX lead of this agency.');
        }
        await manager.query(
          `INSERT INTO criterion_response (assessment_id, framework_version_id, criterion_code, assignee_user_id, due_on, updated_by_user_id)
         SELECT $1, x.framework_version_id, x.code, $2, $3, $4 FROM unnest($5::text[], $6::uuid[]) AS x(code, framework_version_id)
         ON CONFLICT (assessment_id, framework_version_id, criterion_code)
         DO UPDATE SET assignee_user_id = EXCLUDED.assignee_user_id, due_on = EXCLUDED.due_on, version = criterion_response.version + 1,
                       updated_by_user_id = EXCLUDED.updated_by_user_id, updated_at = now()`,
          [
            loaded.assessment.id,
            input.assigneeUserId ?? null,
            input.dueOn ?? null,
            actor.userId,
            codes,
            codes.map((c) => frameworkOf.get(c)),
          ],
        );
        await this.audit.record(manager, {
          actor,
          meta,
          action: 'assessment.assign',
          outcome: AuditOutcome.SUCCESS,
          subjectType: 'Assessment',
          subjectId: loaded.assessment.id,
          organizationId: loaded.assessment.organizationId,
          changes: { assignee: { before: null, after: input.assigneeUserId ?? null }, criteria: { before: null, after: codes } },
        });
      }),
    );
    return this.get(actor, input.assessmentId, meta);
  }

  /**
   * Adds an optional module (a published SUPPLEMENTAL framework, e.g. civic experience) to the assessment.
   * Its answers are scored and reported separately and never count toward the A-11 score. Idempotent.
   */
  async addModule(actor: Actor, assessmentId: string, frameworkVersionId: string, meta: RequestMeta): Promise<AssessmentModel> {
    await this.changeModules(actor, assessmentId, frameworkVersionId, meta, 'add');
    return this.get(actor, assessmentId, meta);
  }

  /** Takes a module off the assessment. Its answers are kept (not shown) and come back if it is added again. */
  async removeModule(actor: Actor, assessmentId: string, frameworkVersionId: string, meta: RequestMeta): Promise<AssessmentModel> {
    await this.changeModules(actor, assessmentId, frameworkVersionId, meta, 'remove');
    return this.get(actor, assessmentId, meta);
  }

  private changeModules(actor: Actor, assessmentId: string, frameworkVersionId: string, meta: RequestMeta, change: 'add' | 'remove') {
    const action = change === 'add' ? 'assessment.add_module' : 'assessment.remove_module';
    return this.audit.recordDenials(() =>
      this.dataSource.transaction(async (manager) => {
        const loaded = await this.loadForWrite(manager, actor, assessmentId, meta, action, true);
        this.assertLead(actor, meta, action, loaded, 'Only the CX lead adds or removes modules.');
        const before = loaded.assessment.supplementalFrameworkVersionIds;
        let after: string[];
        if (change === 'add') {
          const module = await manager.findOneBy(FrameworkVersionEntity, { id: frameworkVersionId });
          if (!module || module.kind !== 'SUPPLEMENTAL' || module.status !== 'PUBLISHED') {
            throw BadUserInputError.field('frameworkVersionId', 'Choose a published optional module.');
          }
          const sameCode = loaded.supplements.find((s) => s.code === module.code && s.id !== module.id);
          if (sameCode) {
            throw new ConflictError(
              `This assessment already has ${sameCode.name} version ${sameCode.version}. Remove it first to change version.`,
            );
          }
          after = before.includes(module.id) ? before : [...before, module.id];
        } else {
          after = before.filter((id) => id !== frameworkVersionId);
        }
        if (after.length === before.length) return;
        await manager.update(AssessmentEntity, { id: loaded.assessment.id }, { supplementalFrameworkVersionIds: after });
        await this.audit.record(manager, {
          actor,
          meta,
          action,
          outcome: AuditOutcome.SUCCESS,
          subjectType: 'Assessment',
          subjectId: loaded.assessment.id,
          organizationId: loaded.assessment.organizationId,
          changes: { supplementalFrameworkVersionIds: { before, after } },
        });
      }),
    );
  }

  /**
   * Starts this year's answers from last year's assessment of the same HISP: every criterion that
   * still exists and is not yet answered gets last year's answer, marked "carried forward — confirm".
   */
  async carryForward(actor: Actor, assessmentId: string, meta: RequestMeta): Promise<AssessmentModel> {
    await this.audit.recordDenials(() =>
      this.dataSource.transaction(async (manager) => {
        const loaded = await this.loadForWrite(manager, actor, assessmentId, meta, 'assessment.carry_forward', true);
        this.assertLead(actor, meta, 'assessment.carry_forward', loaded, 'Only the CX lead can start from last year’s answers.');
        const previous = await this.previousOf(manager, loaded.assessment);
        if (!previous) throw new ConflictError('There is no earlier assessment of this HISP to start from.');
        const file = loaded.framework.definition as unknown as FrameworkFile;
        const current = file.domains.flatMap((d) => d.criteria.map((c) => c.code));
        const copied: Array<{ criterion_code: string }> = await manager.query(
          `INSERT INTO criterion_response (assessment_id, framework_version_id, criterion_code, level, not_applicable, rationale, carried_forward, updated_by_user_id)
           SELECT $1, $2, p.criterion_code, p.level, p.not_applicable, p.rationale, true, $3
             FROM criterion_response p
            WHERE p.assessment_id = $4 AND p.criterion_code = ANY($5::text[]) AND (p.level IS NOT NULL OR p.not_applicable)
           ON CONFLICT (assessment_id, framework_version_id, criterion_code) DO UPDATE
             SET level = EXCLUDED.level, not_applicable = EXCLUDED.not_applicable, rationale = EXCLUDED.rationale,
                 carried_forward = true, version = criterion_response.version + 1, updated_by_user_id = EXCLUDED.updated_by_user_id,
                 last_save_id = NULL, updated_at = now()
             WHERE criterion_response.level IS NULL AND NOT criterion_response.not_applicable
           RETURNING criterion_code`,
          [loaded.assessment.id, loaded.framework.id, actor.userId, previous.id, current],
        );
        await manager.update(
          AssessmentEntity,
          { id: loaded.assessment.id },
          { carriedForwardFromId: previous.id, ...(loaded.assessment.status === 'NOT_STARTED' ? { status: 'IN_PROGRESS' as const } : {}) },
        );
        await this.audit.record(manager, {
          actor,
          meta,
          action: 'assessment.carry_forward',
          outcome: AuditOutcome.SUCCESS,
          subjectType: 'Assessment',
          subjectId: loaded.assessment.id,
          organizationId: loaded.assessment.organizationId,
          message: `${copied.length} answers carried forward from ${previous.id}`,
        });
      }),
    );
    return this.get(actor, assessmentId, meta);
  }

  private async previousOf(manager: EntityManager, a: AssessmentEntity): Promise<AssessmentEntity | null> {
    const rows = await manager
      .getRepository(AssessmentEntity)
      .createQueryBuilder('p')
      .innerJoin(CycleEntity, 'pc', 'pc.id = p.cycle_id')
      .where('p.organization_id = :org AND p.id <> :id', { org: a.organizationId, id: a.id })
      .andWhere('pc.fiscal_year < (SELECT fiscal_year FROM cycle WHERE id = :cycle)', { cycle: a.cycleId })
      .orderBy('pc.fiscal_year', 'DESC')
      .limit(1)
      .getMany();
    return rows[0] ?? null;
  }

  /** Adds a link as evidence for one criterion (same permission as changing its answer). */
  addEvidenceLink(actor: Actor, input: AddEvidenceLinkInput, meta: RequestMeta): Promise<AssessmentModel> {
    return this.addEvidence(actor, input.assessmentId, input.criterionCode, meta, {
      kind: 'LINK',
      title: input.title.trim(),
      url: input.url,
    });
  }

  /** Adds a file as evidence; its type is checked from its bytes and it is stored with a SHA-256. */
  async addEvidenceFile(
    actor: Actor,
    assessmentId: string,
    criterionCode: string,
    title: string,
    file: { originalname: string; size: number; buffer: Buffer },
    meta: RequestMeta,
  ): Promise<AssessmentModel> {
    const check = checkEvidenceFile(file.originalname, file.size, file.buffer);
    if (!check.ok) throw BadUserInputError.field('file', check.message);
    const cleanTitle = title.trim() || check.fileName;
    if (cleanTitle.length > 200) throw BadUserInputError.field('title', 'Keep the title to 200 characters or fewer.');
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    // Scanned before the transaction: a scan can take seconds, and must not hold a connection or a lock meanwhile.
    const verdict = await this.scanner.scan(file.buffer);
    if (verdict && !verdict.clean) {
      await this.audit.recordAlone({
        actor,
        meta,
        action: 'assessment.add_evidence',
        outcome: AuditOutcome.DENIED,
        subjectType: 'Assessment',
        subjectId: assessmentId,
        message: `Virus scan found ${verdict.signature.slice(0, 200)} in ${check.fileName} (sha256 ${sha256})`,
      });
      throw BadUserInputError.field(
        'file',
        'This file did not pass the virus scan, so it was not attached. Check the file, or attach a clean copy.',
      );
    }
    return this.addEvidence(actor, assessmentId, criterionCode, meta, {
      kind: 'FILE',
      title: cleanTitle,
      fileName: check.fileName,
      contentType: check.contentType,
      sizeBytes: file.size,
      sha256,
      content: file.buffer,
    });
  }

  async removeEvidence(actor: Actor, evidenceId: string, meta: RequestMeta): Promise<AssessmentModel> {
    const evidence = await this.dataSource.getRepository(EvidenceEntity).findOneBy({ id: evidenceId });
    if (!evidence) throw new NotFoundError('evidence');
    await this.audit.recordDenials(() =>
      this.dataSource.transaction(async (manager) => {
        const loaded = await this.loadForWrite(manager, actor, evidence.assessmentId, meta, 'assessment.remove_evidence');
        const response = await manager.findOneBy(CriterionResponseEntity, {
          assessmentId: loaded.assessment.id,
          criterionCode: evidence.criterionCode,
        });
        this.assertMayEditCriterion(actor, loaded, response, meta);
        await manager.delete(EvidenceEntity, { id: evidence.id });
        await this.audit.record(manager, {
          actor,
          meta,
          action: 'assessment.remove_evidence',
          outcome: AuditOutcome.SUCCESS,
          subjectType: 'Evidence',
          subjectId: evidence.id,
          organizationId: loaded.assessment.organizationId,
          changes: { evidence: { before: { title: evidence.title, kind: evidence.kind, sha256: evidence.sha256 }, after: null } },
        });
      }),
    );
    return this.get(actor, evidence.assessmentId, meta);
  }

  /** The file for download, after the same read checks as the assessment itself. */
  async evidenceFile(
    actor: Actor,
    evidenceId: string,
    meta: RequestMeta,
  ): Promise<{ fileName: string; contentType: string; content: Buffer; sha256: string }> {
    const evidence = await this.dataSource
      .getRepository(EvidenceEntity)
      .createQueryBuilder('e')
      .addSelect('e.content')
      .where('e.id = :id AND e.kind = :kind', { id: evidenceId, kind: 'FILE' })
      .getOne();
    if (!evidence?.content) throw new NotFoundError('file');
    const assessment = await this.get(actor, evidence.assessmentId, meta);
    if (!assessment.contentsVisible)
      throw new ForbiddenError(
        'assessment.download_evidence',
        'Evidence',
        evidence.id,
        'This file is visible once the assessment is submitted.',
      );
    return {
      fileName: evidence.fileName ?? 'evidence',
      contentType: evidence.contentType ?? 'application/octet-stream',
      content: evidence.content,
      sha256: evidence.sha256 ?? '',
    };
  }

  private async addEvidence(
    actor: Actor,
    assessmentId: string,
    criterionCode: string,
    meta: RequestMeta,
    values: Partial<EvidenceEntity> & { kind: 'LINK' | 'FILE'; title: string },
  ): Promise<AssessmentModel> {
    await this.audit.recordDenials(() =>
      this.dataSource.transaction(async (manager) => {
        const loaded = await this.loadForWrite(manager, actor, assessmentId, meta, 'assessment.add_evidence');
        const { framework } = findCriterion([loaded.framework, ...loaded.supplements], criterionCode);
        const response = await manager.findOneBy(CriterionResponseEntity, {
          assessmentId: loaded.assessment.id,
          frameworkVersionId: framework.id,
          criterionCode,
        });
        this.assertMayEditCriterion(actor, loaded, response, meta);
        const count = await manager.countBy(EvidenceEntity, { assessmentId: loaded.assessment.id, criterionCode });
        if (count >= 20)
          throw BadUserInputError.field('input.criterionCode', 'A question can have at most 20 pieces of evidence. Remove one first.');
        const saved = await manager.save(
          EvidenceEntity,
          manager.create(EvidenceEntity, { ...values, assessmentId: loaded.assessment.id, criterionCode, createdByUserId: actor.userId }),
        );
        await this.audit.record(manager, {
          actor,
          meta,
          action: 'assessment.add_evidence',
          outcome: AuditOutcome.SUCCESS,
          subjectType: 'Evidence',
          subjectId: saved.id,
          organizationId: loaded.assessment.organizationId,
          changes: {
            evidence: {
              before: null,
              after: {
                criterionCode,
                kind: values.kind,
                title: values.title,
                url: values.url ?? null,
                sha256: values.sha256 ?? null,
                sizeBytes: values.sizeBytes ?? null,
              },
            },
          },
        });
      }),
    );
    return this.get(actor, assessmentId, meta);
  }

  /**
   * Records that the actor has the assessment open and returns the others seen in the last 60 seconds.
   * A heartbeat, not a change: it is not audited.
   */
  async touchPresence(actor: Actor, assessmentId: string, meta: RequestMeta): Promise<AssessmentViewerModel[]> {
    await this.assertMayRead(actor, assessmentId, meta);
    await this.dataSource.query(
      `INSERT INTO assessment_presence (assessment_id, user_id, last_seen_at) VALUES ($1, $2, now())
       ON CONFLICT (assessment_id, user_id) DO UPDATE SET last_seen_at = now()`,
      [assessmentId, actor.userId],
    );
    const rows: Array<{ user_id: string; display_name: string; last_seen_at: Date }> = await this.dataSource.query(
      `SELECT p.user_id, u.display_name, p.last_seen_at FROM assessment_presence p JOIN app_user u ON u.id = p.user_id
        WHERE p.assessment_id = $1 AND p.user_id <> $2 AND p.last_seen_at > now() - interval '60 seconds'
        ORDER BY u.display_name`,
      [assessmentId, actor.userId],
    );
    return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, lastSeenAt: new Date(r.last_seen_at) }));
  }

  /** People a CX lead can assign questions to: contributors and leads of the HISP or its department. */
  async assignableUsers(actor: Actor, assessmentId: string, meta: RequestMeta): Promise<AssignableUserModel[]> {
    const assessment = await this.assertMayRead(actor, assessmentId, meta);
    const rows: Array<{ id: string; display_name: string; role: Role }> = await this.dataSource.query(
      `SELECT DISTINCT ON (u.id) u.id, u.display_name, ra.role
         FROM app_user u JOIN role_assignment ra ON ra.user_id = u.id
        WHERE u.is_active AND ra.role IN ('AGENCY_CONTRIBUTOR', 'AGENCY_CX_LEAD')
          AND (ra.organization_id = $1 OR ra.organization_id = (SELECT parent_id FROM organization WHERE id = $1))
        ORDER BY u.id, ra.role`,
      [assessment.organizationId],
    );
    return rows
      .map((r) => ({ id: r.id, displayName: r.display_name, roleLabel: ROLE_LABELS[r.role] }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** Everything assigned to the actor in open cycles, across assessments. */
  async myAssignments(actor: Actor): Promise<AssignmentModel[]> {
    const rows: Array<{
      assessment_id: string;
      criterion_code: string;
      due_on: string | null;
      answered: boolean;
      org_name: string;
      fiscal_year: number;
      definition: FrameworkFile;
    }> = await this.dataSource.query(
      `SELECT r.assessment_id, r.criterion_code, r.due_on, (r.level IS NOT NULL OR r.not_applicable) AS answered,
                o.name AS org_name, c.fiscal_year, f.definition
           FROM criterion_response r
           JOIN assessment a ON a.id = r.assessment_id
           JOIN cycle c ON c.id = a.cycle_id AND c.status = 'OPEN'
           JOIN organization o ON o.id = a.organization_id
           JOIN framework_version f ON f.id = r.framework_version_id
          WHERE r.assignee_user_id = $1
          ORDER BY r.due_on NULLS LAST, o.name, r.criterion_code`,
      [actor.userId],
    );
    return rows.map((r) => {
      const domain = r.definition.domains.find((d) => d.criteria.some((c) => c.code === r.criterion_code));
      const criterion = domain?.criteria.find((c) => c.code === r.criterion_code);
      return {
        assessmentId: r.assessment_id,
        organizationName: r.org_name,
        fiscalYear: r.fiscal_year,
        domainCode: domain?.code ?? '',
        domainName: domain?.name ?? '',
        criterionCode: r.criterion_code,
        statement: criterion?.statement ?? '',
        dueOn: r.due_on,
        answered: r.answered,
      };
    });
  }

  // --- helpers -------------------------------------------------------------

  private async loadForWrite(
    manager: EntityManager,
    actor: Actor,
    assessmentId: string,
    meta: RequestMeta,
    action: string,
    /** For changes to the assessment row itself: upgrading a shared lock could deadlock with another such change. */
    exclusive = false,
  ): Promise<Loaded> {
    // Answers share-lock the assessment row, so they run side by side but never cross a submit
    // (which needs it exclusively). The first answer also moves the status on, so it takes the
    // exclusive lock from the start: upgrading a shared lock could deadlock with another answer.
    // The peek chooses the lock and also tells whether the cycle is closed (closing never waits for answers).
    const [peek] = await queryRows<{ status: string; cycle_status: string }>(
      manager,
      'SELECT a.status, c.status AS cycle_status FROM assessment a JOIN cycle c ON c.id = a.cycle_id WHERE a.id = $1',
      [assessmentId],
    );
    const assessment = peek
      ? await manager
          .getRepository(AssessmentEntity)
          .createQueryBuilder('a')
          .setLock(exclusive || peek.status === 'NOT_STARTED' ? 'pessimistic_write' : 'pessimistic_read')
          .where('a.id = :id', { id: assessmentId })
          .getOne()
      : null;
    if (!assessment) throw new NotFoundError('assessment');
    if (!writesFor(actor, assessment.organizationId)) this.denied(actor, meta, action, assessment);
    if (LOCKED_STATUSES.has(assessment.status)) throw new ConflictError(LOCKED_MESSAGE);
    if (peek?.cycle_status === 'CLOSED') throw new ConflictError(CLOSED_MESSAGE);
    const cached = await this.frameworks.getMany([assessment.frameworkVersionId, ...assessment.supplementalFrameworkVersionIds], manager);
    const framework = cached.get(assessment.frameworkVersionId)?.entity;
    if (!framework) throw new NotFoundError('framework version');
    const supplements = assessment.supplementalFrameworkVersionIds.flatMap((id) => cached.get(id)?.entity ?? []);
    return { assessment, framework, supplements };
  }

  /** Leads edit anything in scope; a contributor only criteria assigned to them. */
  private isLeadOf(actor: Actor, loaded: Loaded): boolean {
    return leads(actor, loaded.assessment.organizationId);
  }

  /** Lead of this HISP (or its department), not merely a lead somewhere else. */
  private assertLead(actor: Actor, meta: RequestMeta, action: string, loaded: Loaded, message: string): void {
    if (!this.isLeadOf(actor, loaded)) this.denied(actor, meta, action, loaded.assessment, message);
  }

  private assertMayEditCriterion(actor: Actor, loaded: Loaded, existing: CriterionResponseEntity | null, meta: RequestMeta): void {
    if (this.isLeadOf(actor, loaded)) return;
    if (existing?.assigneeUserId === actor.userId) return;
    this.denied(actor, meta, 'assessment.save_response', loaded.assessment, NOT_ASSIGNED);
  }

  private async conflict(manager: EntityManager, current: CriterionResponseEntity | null): Promise<ConflictError> {
    const by = current?.updatedByUserId ? await manager.findOneBy(UserEntity, { id: current.updatedByUserId }) : null;
    return new ConflictError(
      `${by?.displayName ?? 'Someone else'} changed this answer after you opened it. Review their answer, then save yours again.`,
      {
        currentVersion: current?.version ?? 0,
        current: current
          ? {
              level: current.level,
              notApplicable: current.notApplicable,
              rationale: current.rationale,
              markedForReview: current.markedForReview,
              carriedForward: current.carriedForward,
              updatedAt: current.updatedAt.toISOString(),
              updatedBy: by?.displayName ?? null,
            }
          : null,
      },
    );
  }

  /** Refuses; the DENIED audit event is written by `recordDenials` once any transaction has rolled back. */
  private denied(actor: Actor, meta: RequestMeta, action: string, assessment: AssessmentEntity, message?: string): never {
    throw withDeniedAudit(
      new ForbiddenError(action, 'Assessment', assessment.id, message ?? 'You do not have access to this assessment.'),
      {
        actor,
        meta,
        action,
        subjectType: 'Assessment',
        subjectId: assessment.id,
        organizationId: assessment.organizationId,
        message: message ?? 'Outside the actor’s agency scope',
      },
    );
  }
}
