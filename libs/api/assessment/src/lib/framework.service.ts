import { Injectable } from '@nestjs/common';
import { AuditService } from '@cx/api-audit';
import { type Actor, ConflictError, NotFoundError, type RequestMeta } from '@cx/api-shared-graphql';
import type { FrameworkFile } from '@cx/shared-assessment-model';
import { AuditOutcome } from '@cx/shared-domain';
import { DataSource } from 'typeorm';

import { FrameworkVersionEntity } from './entities/framework-version.entity';
import { importFrameworkVersion, parseFrameworkText } from './framework-import';
import type { FrameworkImportResultModel, FrameworkVersionModel } from './models/framework.model';

export function toFrameworkModel(e: FrameworkVersionEntity): FrameworkVersionModel {
  const f = e.definition as unknown as FrameworkFile;
  return {
    id: e.id,
    code: e.code,
    version: e.version,
    name: e.name,
    kind: e.kind,
    status: e.status,
    effectiveFiscalYear: e.effectiveFiscalYear,
    description: f.description,
    scoringDescription: f.scoring.description ?? '',
    domainMaxPoints: f.scoring.domainMaxPoints,
    scale: f.scale.levels.map((l) => ({ ...l })),
    domains: f.domains.map((d) => ({ ...d, criteria: d.criteria.map((c) => ({ ...c, levels: c.levels.map((l) => ({ ...l })) })) })),
    importedAt: e.createdAt,
    publishedAt: e.publishedAt,
  };
}

/** Framework versions are program-wide reference data: every signed-in user reads them; OMB administrators import them. */
@Injectable()
export class FrameworkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<FrameworkVersionModel[]> {
    const rows = await this.dataSource
      .getRepository(FrameworkVersionEntity)
      .find({ order: { code: 'ASC', effectiveFiscalYear: 'DESC', version: 'DESC' } });
    return rows.map(toFrameworkModel);
  }

  async get(id: string): Promise<FrameworkVersionModel> {
    const row = await this.dataSource.getRepository(FrameworkVersionEntity).findOneBy({ id });
    if (!row) throw new NotFoundError('framework version');
    return toFrameworkModel(row);
  }

  async import(actor: Actor, fileContent: string, publish: boolean, meta: RequestMeta): Promise<FrameworkImportResultModel> {
    const parsed = parseFrameworkText(fileContent);
    return this.dataSource.transaction(async (manager) => {
      const { framework, created } = await importFrameworkVersion(manager, parsed, { publish, userId: actor.userId });
      await this.audit.record(manager, {
        actor,
        meta,
        action: 'framework.import',
        outcome: AuditOutcome.SUCCESS,
        subjectType: 'FrameworkVersion',
        subjectId: framework.id,
        message: `${framework.code} ${framework.version} (${framework.status}${created ? ', new' : ', unchanged or draft updated'})`,
      });
      return { framework: toFrameworkModel(framework), created };
    });
  }

  /** Makes a draft permanent: from now on the version never changes. */
  publish(actor: Actor, id: string, meta: RequestMeta): Promise<FrameworkVersionModel> {
    return this.moveStatus(
      actor,
      id,
      meta,
      'DRAFT',
      'PUBLISHED',
      (existing) => `This version is already ${existing.status.toLowerCase()}.`,
    );
  }

  /** A retired version stays on the assessments that started with it but can no longer be chosen for a new cycle. */
  retire(actor: Actor, id: string, meta: RequestMeta): Promise<FrameworkVersionModel> {
    return this.moveStatus(actor, id, meta, 'PUBLISHED', 'RETIRED', (existing) =>
      existing.status === 'DRAFT'
        ? 'This version is still a draft, so it cannot be retired. Only a published version can be retired.'
        : 'This version is already retired.',
    );
  }

  /** One status step, checked in the UPDATE itself so two admins cannot both make it; audited in the same transaction. */
  private moveStatus(
    actor: Actor,
    id: string,
    meta: RequestMeta,
    from: FrameworkVersionEntity['status'],
    to: FrameworkVersionEntity['status'],
    refusal: (existing: FrameworkVersionEntity) => string,
  ): Promise<FrameworkVersionModel> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(FrameworkVersionEntity)
        .set(to === 'PUBLISHED' ? { status: to, publishedAt: () => 'now()' } : { status: to })
        .where('id = :id AND status = :from', { id, from })
        .execute();
      if (result.affected !== 1) {
        const existing = await manager.findOneBy(FrameworkVersionEntity, { id });
        if (!existing) throw new NotFoundError('framework version');
        throw new ConflictError(refusal(existing), { status: existing.status });
      }
      await this.audit.record(manager, {
        actor,
        meta,
        action: to === 'PUBLISHED' ? 'framework.publish' : 'framework.retire',
        outcome: AuditOutcome.SUCCESS,
        subjectType: 'FrameworkVersion',
        subjectId: id,
        changes: { status: { before: from, after: to } },
      });
      return toFrameworkModel(await manager.findOneByOrFail(FrameworkVersionEntity, { id }));
    });
  }
}
