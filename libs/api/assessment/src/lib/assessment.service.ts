import { Injectable } from '@nestjs/common';
import { AuditService, diffChanges } from '@cx/api-audit';
import { OrganizationEntity, UserEntity } from '@cx/api-identity';
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
import { computeAssessmentScores, type FrameworkFile } from '@cx/shared-assessment-model';
import { AGENCY_ROLES, AuditOutcome, OMB_ROLES, Role, ROLE_LABELS } from '@cx/shared-domain';
import { DataSource, type EntityManager, In } from 'typeorm';

import type { AssignCriteriaInput } from './dto/assign-criteria.input';
import type { SaveCriterionResponseInput, SaveDomainTargetInput } from './dto/save-criterion-response.input';
import { createHash } from 'node:crypto';

import { AssessmentEntity } from './entities/assessment.entity';
import { CriterionResponseEntity } from './entities/criterion-response.entity';
import { CycleEntity } from './entities/cycle.entity';
import { DomainTargetEntity } from './entities/domain-target.entity';
import { EvidenceEntity } from './entities/evidence.entity';
import type { AssessmentViewerModel, AssignableUserModel } from './models/presence.model';
import { checkEvidenceFile } from './evidence-file-policy';
import type { EvidenceModel } from './models/evidence.model';
import type { AddEvidenceLinkInput } from './dto/add-evidence-link.input';
import { FrameworkVersionEntity } from './entities/framework-version.entity';
import { FrameworkCache } from './framework-cache';
import { requireCriterion, requireDomain, requireLevelOnScale } from './framework-lookup';
import type { AssessmentModel, CriterionResponseModel, DomainTargetModel } from './models/assessment.model';
import type { AssignmentModel } from './models/assignment.model';

const READERS = [...AGENCY_ROLES, ...OMB_ROLES];
const LOCKED = new Set(['SUBMITTED', 'ACCEPTED']);
const TARGET_CONFLICT = 'Someone else changed this target. Review it, then save again.';
const RESPONSE_FIELDS = ['level', 'notApplicable', 'rationale', 'markedForReview', 'carriedForward'] as const;

interface Loaded {
  assessment: AssessmentEntity;
  cycle: CycleEntity;
  organization: OrganizationEntity;
  framework: FrameworkVersionEntity;
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
  ) {}

  /** The assessments in the actor's scope for a cycle (default: the newest open one). */
  async list(actor: Actor, cycleId?: string | null): Promise<AssessmentModel[]> {
    const scope = organizationScope(actor, READERS);
    if (scope !== ALL_ORGANIZATIONS && scope.size === 0) return [];
    const qb = this.dataSource
      .getRepository(AssessmentEntity)
      .createQueryBuilder('a')
      .innerJoin(CycleEntity, 'c', 'c.id = a.cycle_id')
      .orderBy('a.created_at', 'ASC');
    if (cycleId) qb.where('a.cycle_id = :cycleId', { cycleId });
    else qb.where(`c.fiscal_year = (SELECT max(fiscal_year) FROM cycle WHERE status = 'OPEN')`);
    if (scope !== ALL_ORGANIZATIONS) qb.andWhere('a.organization_id IN (:...ids)', { ids: [...scope] });
    const assessments = await qb.getMany();
    return this.toModels(actor, assessments);
  }

  get(actor: Actor, id: string, meta: RequestMeta): Promise<AssessmentModel> {
    return this.audit.recordDenials(() => this.read(actor, id, meta));
  }

  private async read(actor: Actor, id: string, meta: RequestMeta): Promise<AssessmentModel> {
    const assessment = await this.dataSource.getRepository(AssessmentEntity).findOneBy({ id });
    if (!assessment) throw new NotFoundError('assessment');
    if (!inScope(organizationScope(actor, READERS), assessment.organizationId)) {
      this.denied(actor, meta, 'assessment.read', assessment);
    }
    const [model] = await this.toModels(actor, [assessment]);
    if (!model) throw new NotFoundError('assessment');
    return model;
  }

  async saveResponse(actor: Actor, input: SaveCriterionResponseInput, meta: RequestMeta): Promise<AssessmentModel> {
    await this.audit.recordDenials(() =>
      this.dataSource.transaction(async (manager) => {
        const loaded = await this.loadForWrite(manager, actor, input.assessmentId, meta, 'assessment.save_response');
        const file = loaded.framework.definition as unknown as FrameworkFile;
        const criterion = requireCriterion(file, input.criterionCode);
        requireLevelOnScale(file, input.level, 'input.level');
        const repo = manager.getRepository(CriterionResponseEntity);
        const existing = await repo.findOneBy({
          assessmentId: loaded.assessment.id,
          frameworkVersionId: loaded.framework.id,
          criterionCode: criterion.code,
        });
        this.assertMayEditCriterion(actor, loaded, existing, meta);
        const next = {
          level: input.level === undefined ? (existing?.level ?? null) : input.level,
          notApplicable: input.notApplicable ?? existing?.notApplicable ?? false,
          rationale: input.rationale === undefined ? (existing?.rationale ?? null) : input.rationale,
          markedForReview: input.markedForReview ?? existing?.markedForReview ?? false,
          carriedForward: input.confirmCarriedForward || input.level !== undefined ? false : (existing?.carriedForward ?? false),
        };
        if (next.notApplicable && !next.rationale) {
          throw BadUserInputError.field('input.rationale', 'Say why this question does not apply to your agency.');
        }
        if (next.notApplicable) next.level = null;
        if (!existing) {
          if (input.expectedVersion !== 0) throw await this.conflict(manager, null);
          const inserted = await manager
            .createQueryBuilder()
            .insert()
            .into(CriterionResponseEntity)
            .values({
              assessmentId: loaded.assessment.id,
              frameworkVersionId: loaded.framework.id,
              criterionCode: criterion.code,
              ...next,
              updatedByUserId: actor.userId,
            })
            .orIgnore()
            .returning('id')
            .execute();
          // Someone else created the answer between our read and our insert.
          if (inserted.raw.length === 0)
            throw await this.conflict(manager, await repo.findOneBy({ assessmentId: loaded.assessment.id, criterionCode: criterion.code }));
        } else {
          const result = await manager
            .createQueryBuilder()
            .update(CriterionResponseEntity)
            .set({ ...next, updatedByUserId: actor.userId, version: () => 'version + 1' })
            .where('id = :id AND version = :version', { id: existing.id, version: input.expectedVersion })
            .execute();
          if (result.affected !== 1) throw await this.conflict(manager, await repo.findOneBy({ id: existing.id }));
        }
        if (loaded.assessment.status === 'NOT_STARTED') {
          await manager.update(AssessmentEntity, { id: loaded.assessment.id, status: 'NOT_STARTED' }, { status: 'IN_PROGRESS' });
        }
        await this.audit.record(manager, {
          actor,
          meta,
          action: 'assessment.save_response',
          outcome: AuditOutcome.SUCCESS,
          subjectType: 'CriterionResponse',
          subjectId: `${loaded.assessment.id}:${criterion.code}`.slice(0, 100),
          organizationId: loaded.assessment.organizationId,
          changes: diffChanges(
            {
              level: existing?.level ?? null,
              notApplicable: existing?.notApplicable ?? false,
              rationale: existing?.rationale ?? null,
              markedForReview: existing?.markedForReview ?? false,
              carriedForward: existing?.carriedForward ?? false,
            },
            next,
            RESPONSE_FIELDS,
          ),
        });
      }),
    );
    return this.get(actor, input.assessmentId, meta);
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
        const file = loaded.framework.definition as unknown as FrameworkFile;
        const domain = input.domainCode ? requireDomain(file, input.domainCode) : undefined;
        const all = new Set(file.domains.flatMap((d) => d.criteria.map((c) => c.code)));
        const codes = [...new Set([...(input.criterionCodes ?? []), ...(domain?.criteria.map((c) => c.code) ?? [])])];
        if (codes.length === 0) throw BadUserInputError.field('input.criterionCodes', 'Choose at least one question or an area to assign.');
        const unknown = codes.filter((c) => !all.has(c));
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
         SELECT $1, $2, code, $3, $4, $5 FROM unnest($6::text[]) AS code
         ON CONFLICT (assessment_id, framework_version_id, criterion_code)
         DO UPDATE SET assignee_user_id = EXCLUDED.assignee_user_id, due_on = EXCLUDED.due_on, version = criterion_response.version + 1,
                       updated_by_user_id = EXCLUDED.updated_by_user_id, updated_at = now()`,
          [loaded.assessment.id, loaded.framework.id, input.assigneeUserId ?? null, input.dueOn ?? null, actor.userId, codes],
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
   * Starts this year's answers from last year's assessment of the same HISP: every criterion that
   * still exists and is not yet answered gets last year's answer, marked "carried forward — confirm".
   */
  async carryForward(actor: Actor, assessmentId: string, meta: RequestMeta): Promise<AssessmentModel> {
    await this.audit.recordDenials(() =>
      this.dataSource.transaction(async (manager) => {
        const loaded = await this.loadForWrite(manager, actor, assessmentId, meta, 'assessment.carry_forward');
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
                 carried_forward = true, version = criterion_response.version + 1, updated_by_user_id = EXCLUDED.updated_by_user_id, updated_at = now()
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
  addEvidenceFile(
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
    return this.addEvidence(actor, assessmentId, criterionCode, meta, {
      kind: 'FILE',
      title: cleanTitle,
      fileName: check.fileName,
      contentType: check.contentType,
      sizeBytes: file.size,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
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
        const file = loaded.framework.definition as unknown as FrameworkFile;
        requireCriterion(file, criterionCode);
        const response = await manager.findOneBy(CriterionResponseEntity, { assessmentId: loaded.assessment.id, criterionCode });
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
    await this.get(actor, assessmentId, meta);
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
    const assessment = await this.get(actor, assessmentId, meta);
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
  ): Promise<Loaded> {
    // Answers share-lock the assessment row, so they run side by side but never cross a submit
    // (which needs it exclusively). The first answer also moves the status on, so it takes the
    // exclusive lock from the start: upgrading a shared lock could deadlock with another answer.
    const peek = await manager.getRepository(AssessmentEntity).findOne({ where: { id: assessmentId }, select: { id: true, status: true } });
    const assessment = peek
      ? await manager
          .getRepository(AssessmentEntity)
          .createQueryBuilder('a')
          .setLock(peek.status === 'NOT_STARTED' ? 'pessimistic_write' : 'pessimistic_read')
          .where('a.id = :id', { id: assessmentId })
          .getOne()
      : null;
    if (!assessment) throw new NotFoundError('assessment');
    const writers = organizationScope(actor, [Role.AGENCY_CX_LEAD, Role.AGENCY_CONTRIBUTOR]);
    if (!inScope(writers, assessment.organizationId)) this.denied(actor, meta, action, assessment);
    if (LOCKED.has(assessment.status)) {
      throw new ConflictError(
        'This assessment has been submitted, so it can no longer be changed. Ask OMB to return it if something must change.',
      );
    }
    // One connection in a transaction: queries go one after another.
    const cycle = await manager.findOneByOrFail(CycleEntity, { id: assessment.cycleId });
    const organization = await manager.findOneByOrFail(OrganizationEntity, { id: assessment.organizationId });
    const framework = await manager.findOneByOrFail(FrameworkVersionEntity, { id: assessment.frameworkVersionId });
    return { assessment, cycle, organization, framework };
  }

  /** Leads edit anything in scope; a contributor only criteria assigned to them. */
  private isLeadOf(actor: Actor, loaded: Loaded): boolean {
    return inScope(organizationScope(actor, [Role.AGENCY_CX_LEAD]), loaded.assessment.organizationId);
  }

  /** Lead of this HISP (or its department), not merely a lead somewhere else. */
  private assertLead(actor: Actor, meta: RequestMeta, action: string, loaded: Loaded, message: string): void {
    if (!this.isLeadOf(actor, loaded)) this.denied(actor, meta, action, loaded.assessment, message);
  }

  private assertMayEditCriterion(actor: Actor, loaded: Loaded, existing: CriterionResponseEntity | null, meta: RequestMeta): void {
    if (this.isLeadOf(actor, loaded)) return;
    if (existing?.assigneeUserId === actor.userId) return;
    this.denied(
      actor,
      meta,
      'assessment.save_response',
      loaded.assessment,
      'This question is not assigned to you. Ask your CX lead to assign it.',
    );
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
              updatedAt: current.updatedAt.toISOString(),
              updatedBy: by?.displayName ?? null,
            }
          : null,
      },
    );
  }

  /** Refuses; the DENIED audit event is written by `recordDenials` once any transaction has rolled back. */
  private denied(actor: Actor, meta: RequestMeta, action: string, assessment: AssessmentEntity, message?: string): never {
    throw Object.assign(new ForbiddenError(action, 'Assessment', assessment.id, message ?? 'You do not have access to this assessment.'), {
      deniedAudit: {
        actor,
        meta,
        action,
        outcome: AuditOutcome.DENIED,
        subjectType: 'Assessment',
        subjectId: assessment.id,
        organizationId: assessment.organizationId,
        message: message ?? 'Outside the actor’s agency scope',
      },
    });
  }

  /** Loads everything the list or detail needs in a fixed number of queries, whatever the number of assessments or answers. */
  private async toModels(actor: Actor, assessments: AssessmentEntity[]): Promise<AssessmentModel[]> {
    if (assessments.length === 0) return [];
    const ids = assessments.map((a) => a.id);
    const [cycles, orgs, frameworkCache, responses, targets] = await Promise.all([
      this.dataSource.getRepository(CycleEntity).findBy({ id: In([...new Set(assessments.map((a) => a.cycleId))]) }),
      this.dataSource.getRepository(OrganizationEntity).findBy({ id: In([...new Set(assessments.map((a) => a.organizationId))]) }),
      this.frameworks.getMany(assessments.map((a) => a.frameworkVersionId)),
      this.dataSource.getRepository(CriterionResponseEntity).find({ where: { assessmentId: In(ids) }, relations: { assignee: true } }),
      this.dataSource.getRepository(DomainTargetEntity).findBy({ assessmentId: In(ids) }),
    ]);
    const evidence = await this.dataSource
      .getRepository(EvidenceEntity)
      .find({ where: { assessmentId: In(ids) }, order: { createdAt: 'ASC' } });
    // Last year's assessments of the same HISPs, for the year-over-year change: three more queries, whatever the count.
    const maxYear = Math.max(...cycles.map((c) => c.fiscalYear));
    const earlier = await this.dataSource
      .getRepository(AssessmentEntity)
      .createQueryBuilder('p')
      .innerJoinAndMapOne('p.cycle', CycleEntity, 'pc', 'pc.id = p.cycle_id')
      .where('p.organization_id IN (:...orgs)', { orgs: [...new Set(assessments.map((a) => a.organizationId))] })
      .andWhere('pc.fiscal_year < :maxYear', { maxYear })
      .getMany();
    const previousFor = (a: AssessmentEntity): AssessmentEntity | undefined => {
      const year = cycleById.get(a.cycleId)?.fiscalYear ?? 0;
      return earlier
        .filter((p) => p.organizationId === a.organizationId && (p.cycle?.fiscalYear ?? 0) < year)
        .sort((x, y) => (y.cycle?.fiscalYear ?? 0) - (x.cycle?.fiscalYear ?? 0))[0];
    };
    const previousIds = earlier.map((p) => p.id);
    const [previousResponses, previousFrameworks] = previousIds.length
      ? await Promise.all([
          this.dataSource.getRepository(CriterionResponseEntity).findBy({ assessmentId: In(previousIds) }),
          this.frameworks.getMany(earlier.map((p) => p.frameworkVersionId)).then((m) => [...m.values()].map((c) => c.entity)),
        ])
      : [[], []];
    const editorIds = [...new Set(responses.map((r) => r.updatedByUserId).filter((x): x is string => Boolean(x)))];
    const editors = editorIds.length ? await this.dataSource.getRepository(UserEntity).findBy({ id: In(editorIds) }) : [];
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    const cycleById = byId(cycles);
    const orgById = byId(orgs);

    const editorById = byId(editors);
    const leadScope = organizationScope(actor, [Role.AGENCY_CX_LEAD]);
    const agencyScope = organizationScope(actor, AGENCY_ROLES);

    return assessments.map((a) => {
      const cached = frameworkCache.get(a.frameworkVersionId);
      if (!cached) throw new NotFoundError('framework version');
      const fw = cached.entity;
      const file = fw.definition as unknown as FrameworkFile;
      const mine = responses.filter((r) => r.assessmentId === a.id && r.frameworkVersionId === fw.id);
      const myTargets = targets.filter((t) => t.assessmentId === a.id && t.frameworkVersionId === fw.id);
      const locked = LOCKED.has(a.status);
      const isLead = inScope(leadScope, a.organizationId);
      // OMB sees answers only once the agency has submitted them.
      const contentsVisible = inScope(agencyScope, a.organizationId) || locked || a.status === 'RETURNED';
      const scores = computeAssessmentScores(
        file,
        mine.map((r) => ({ criterionCode: r.criterionCode, level: r.level, notApplicable: r.notApplicable })),
        myTargets.map((t) => ({ domainCode: t.domainCode, targetLevel: t.targetLevel })),
      );
      const responseModels: CriterionResponseModel[] = mine.map((r) => {
        const editor = r.updatedByUserId ? editorById.get(r.updatedByUserId) : undefined;
        return {
          id: r.id,
          criterionCode: r.criterionCode,
          level: r.level,
          notApplicable: r.notApplicable,
          rationale: r.rationale,
          markedForReview: r.markedForReview,
          carriedForward: r.carriedForward,
          assignee: r.assignee ? { id: r.assignee.id, displayName: r.assignee.displayName } : null,
          dueOn: r.dueOn,
          version: r.version,
          updatedBy: editor ? { id: editor.id, displayName: editor.displayName } : null,
          updatedAt: r.updatedAt,
          editable: !locked && (isLead || r.assigneeUserId === actor.userId),
        };
      });
      const targetModels: DomainTargetModel[] = myTargets.map((t) => ({
        domainCode: t.domainCode,
        targetLevel: t.targetLevel,
        narrative: t.narrative,
        version: t.version,
      }));
      const reviewCounts = new Map<string, number>();
      for (const d of file.domains)
        reviewCounts.set(d.code, mine.filter((r) => r.markedForReview && d.criteria.some((c) => c.code === r.criterionCode)).length);
      const cycle = cycleById.get(a.cycleId);
      const previous = previousFor(a);
      const previousFramework = previous ? previousFrameworks.find((f) => f.id === previous.frameworkVersionId) : undefined;
      const previousScores =
        previous && previousFramework
          ? computeAssessmentScores(
              previousFramework.definition as unknown as FrameworkFile,
              previousResponses
                .filter((r) => r.assessmentId === previous.id && r.frameworkVersionId === previousFramework.id)
                .map((r) => ({ criterionCode: r.criterionCode, level: r.level, notApplicable: r.notApplicable })),
              [],
            )
          : null;
      const yearOverYear = contentsVisible
        ? scores.domains.map((d) => {
            const before = previousScores?.domains.find((p) => p.domainCode === d.domainCode);
            const change = before?.score != null && d.score != null ? Math.round((d.score - before.score) * 100) / 100 : null;
            return {
              domainCode: d.domainCode,
              previousScore: before?.score ?? null,
              previousLevel: before?.currentLevel ?? null,
              currentScore: d.score,
              change,
            };
          })
        : [];
      return {
        previousAssessmentId: previous?.id ?? null,
        evidence: contentsVisible
          ? evidence
              .filter((e) => e.assessmentId === a.id)
              .map((e): EvidenceModel => ({
                id: e.id,
                criterionCode: e.criterionCode,
                kind: e.kind,
                title: e.title,
                url: e.url,
                fileName: e.fileName,
                contentType: e.contentType,
                sizeBytes: e.sizeBytes,
                sha256: e.sha256,
                downloadPath: e.kind === 'FILE' ? `/api/evidence/${e.id}/download` : null,
                createdAt: e.createdAt,
              }))
          : [],
        yearOverYear,
        id: a.id,
        cycleId: a.cycleId,
        fiscalYear: cycle?.fiscalYear ?? 0,
        organizationId: a.organizationId,
        organizationName: orgById.get(a.organizationId)?.name ?? '',
        status: a.status,
        framework: cached.model,
        contentsVisible,
        canEdit: !locked && (isLead || mine.some((r) => r.assigneeUserId === actor.userId)),
        responses: contentsVisible ? responseModels : [],
        targets: contentsVisible ? targetModels : [],
        scores: {
          total: contentsVisible ? scores.total : null,
          maxTotal: scores.maxTotal,
          completion: scores.completion,
          domains: scores.domains.map((d) => ({
            ...d,
            criteriaBelowTarget: [...d.criteriaBelowTarget],
            domainName: file.domains.find((x) => x.code === d.domainCode)?.name ?? d.domainCode,
            markedForReview: reviewCounts.get(d.domainCode) ?? 0,
            ...(contentsVisible ? {} : { score: null, currentLevel: null, gap: null, criteriaBelowTarget: [] }),
          })),
        },
        updatedAt: a.updatedAt,
      };
    });
  }
}
