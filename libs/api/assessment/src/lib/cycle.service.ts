import { Injectable } from '@nestjs/common';
import { AuditService } from '@cx/api-audit';
import { type Actor, BadUserInputError, ConflictError, NotFoundError, type RequestMeta } from '@cx/api-shared-graphql';
import { AuditOutcome, CycleStatus, type FieldError } from '@cx/shared-domain';
import { DataSource, type EntityManager } from 'typeorm';

import type { OpenCycleInput } from './dto/open-cycle.input';
import { AssessmentEntity } from './entities/assessment.entity';
import { CycleEntity } from './entities/cycle.entity';
import { FrameworkVersionEntity } from './entities/framework-version.entity';
import type { CycleModel, OpenCycleResultModel } from './models/cycle.model';

function toModel(c: CycleEntity): CycleModel {
  return {
    id: c.id,
    fiscalYear: c.fiscalYear,
    name: c.name,
    status: c.status,
    frameworkVersionId: c.frameworkVersionId,
    assessmentDueOn: c.assessmentDueOn,
    draftPlanDueOn: c.draftPlanDueOn,
    finalPlanDueOn: c.finalPlanDueOn,
  };
}

/** One assessment per HISP that has none in the cycle yet, in one statement; returns how many were created. */
export async function createMissingAssessments(manager: EntityManager, cycleId: string, frameworkVersionId: string): Promise<number> {
  const created: Array<{ id: string }> = await manager.query(
    `INSERT INTO assessment (cycle_id, organization_id, framework_version_id, supplemental_framework_version_ids, status)
     SELECT $1, o.id, $2, '[]'::jsonb, 'NOT_STARTED' FROM organization o WHERE o.is_hisp
     ON CONFLICT (cycle_id, organization_id) DO NOTHING RETURNING id`,
    [cycleId, frameworkVersionId],
  );
  return created.length;
}

/** Cycles are program-wide (not agency data), so every signed-in user may read them. */
@Injectable()
export class CycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<CycleModel[]> {
    const rows = await this.dataSource.getRepository(CycleEntity).find({ order: { fiscalYear: 'DESC' } });
    return rows.map(toModel);
  }

  /** The newest open cycle, if any. */
  async current(): Promise<CycleModel | null> {
    const row = await this.dataSource
      .getRepository(CycleEntity)
      .findOne({ where: { status: CycleStatus.OPEN }, order: { fiscalYear: 'DESC' } });
    return row ? toModel(row) : null;
  }

  /**
   * Opens (or re-opens) a fiscal-year cycle and creates one assessment per HISP that
   * has none yet, in one transaction. Running it again creates nothing new.
   */
  async open(actor: Actor, input: OpenCycleInput, meta: RequestMeta): Promise<OpenCycleResultModel> {
    const problems: FieldError[] = [];
    if (input.draftPlanDueOn < input.assessmentDueOn)
      problems.push({ path: 'input.draftPlanDueOn', message: 'The draft plan is due after the assessment.' });
    if (input.finalPlanDueOn < input.draftPlanDueOn)
      problems.push({ path: 'input.finalPlanDueOn', message: 'The final plan is due after the draft plan.' });
    return this.dataSource.transaction(async (manager) => {
      const framework = await manager.findOneBy(FrameworkVersionEntity, { id: input.frameworkVersionId });
      if (!framework || framework.status !== 'PUBLISHED' || framework.kind !== 'CAPACITY') {
        problems.push({ path: 'input.frameworkVersionId', message: 'Choose a published capacity framework.' });
      }
      if (problems.length > 0 || !framework) throw new BadUserInputError(problems);

      let cycle = await manager.findOneBy(CycleEntity, { fiscalYear: input.fiscalYear });
      if (cycle?.frameworkVersionId && cycle.frameworkVersionId !== framework.id) {
        const started = await manager.countBy(AssessmentEntity, { cycleId: cycle.id });
        if (started > 0) {
          throw new ConflictError(
            `FY ${input.fiscalYear} already has assessments on another framework version; they keep the version they started with.`,
          );
        }
      }
      const before = cycle ? toModel(cycle) : null;
      cycle = manager.merge(CycleEntity, cycle ?? manager.create(CycleEntity, { fiscalYear: input.fiscalYear }), {
        name: input.name ?? cycle?.name ?? `FY ${input.fiscalYear}`,
        status: CycleStatus.OPEN,
        frameworkVersionId: framework.id,
        assessmentDueOn: input.assessmentDueOn,
        draftPlanDueOn: input.draftPlanDueOn,
        finalPlanDueOn: input.finalPlanDueOn,
      });
      cycle = await manager.save(CycleEntity, cycle);
      const created = await createMissingAssessments(manager, cycle.id, framework.id);
      await this.audit.record(manager, {
        actor,
        meta,
        action: 'cycle.open',
        outcome: AuditOutcome.SUCCESS,
        subjectType: 'Cycle',
        subjectId: cycle.id,
        changes: {
          status: { before: before?.status ?? null, after: CycleStatus.OPEN },
          frameworkVersionId: { before: before?.frameworkVersionId ?? null, after: framework.id },
        },
        message: `${created} assessments created`,
      });
      return { cycle: toModel(cycle), assessmentsCreated: created };
    });
  }

  /**
   * Closes an open cycle at the end of its year: its assessments can no longer be changed and it stops
   * being the current cycle. Reopening it (openCycle with the same year) makes it editable again.
   */
  async close(actor: Actor, id: string, meta: RequestMeta): Promise<CycleModel> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(CycleEntity)
        .set({ status: CycleStatus.CLOSED })
        .where('id = :id AND status = :open', { id, open: CycleStatus.OPEN })
        .execute();
      const cycle = await manager.findOneBy(CycleEntity, { id });
      if (!cycle) throw new NotFoundError('cycle');
      if (result.affected !== 1) throw new ConflictError(`${cycle.name} is not open, so it cannot be closed.`, { status: cycle.status });
      await this.audit.record(manager, {
        actor,
        meta,
        action: 'cycle.close',
        outcome: AuditOutcome.SUCCESS,
        subjectType: 'Cycle',
        subjectId: id,
        changes: { status: { before: CycleStatus.OPEN, after: CycleStatus.CLOSED } },
      });
      return toModel(cycle);
    });
  }
}
