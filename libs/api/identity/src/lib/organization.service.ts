import { Injectable } from '@nestjs/common';
import { AuditService, diffChanges, withDeniedAudit } from '@cx/api-audit';
import {
  type Actor,
  ConflictError,
  ForbiddenError,
  inScope,
  NotFoundError,
  organizationScope,
  ALL_ORGANIZATIONS,
  type RequestMeta,
} from '@cx/api-shared-graphql';
import { AGENCY_ROLES, AuditOutcome, OMB_ROLES, Role } from '@cx/shared-domain';
import { DataSource } from 'typeorm';

import type { UpdateOrganizationProfileInput } from './dto/update-organization-profile.input';
import { OrganizationEntity } from './entities/organization.entity';
import type { OrganizationModel } from './models/organization.model';

const READERS = [...AGENCY_ROLES, ...OMB_ROLES];
const PROFILE_EDITORS = [Role.OMB_ADMIN, Role.AGENCY_CX_LEAD];
const PROFILE_FIELDS = ['description', 'websiteUrl'] as const;

type OrgRow = OrganizationEntity & { parentName: string | null };

function toModel(o: OrgRow): OrganizationModel {
  return {
    id: o.id,
    name: o.name,
    abbreviation: o.abbreviation,
    kind: o.kind,
    parentId: o.parentId,
    parentName: o.parentName,
    isHisp: o.isHisp,
    description: o.description,
    websiteUrl: o.websiteUrl,
    version: o.version,
    updatedAt: o.updatedAt,
  };
}

@Injectable()
export class OrganizationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private query() {
    return this.dataSource
      .getRepository(OrganizationEntity)
      .createQueryBuilder('o')
      .leftJoin('o.parent', 'p')
      .addSelect('p.name', 'parent_name');
  }

  private async fetch(where: (qb: ReturnType<OrganizationService['query']>) => void): Promise<OrgRow[]> {
    const qb = this.query();
    where(qb);
    const { entities, raw } = await qb.orderBy('o.name', 'ASC').getRawAndEntities<{ parent_name: string | null }>();
    return entities.map((e, i) => Object.assign(e, { parentName: raw[i]?.parent_name ?? null }));
  }

  /** Every organization the actor may see: all for OMB, otherwise their agencies and bureaus. */
  async list(actor: Actor): Promise<OrganizationModel[]> {
    const scope = organizationScope(actor, READERS);
    if (scope !== ALL_ORGANIZATIONS && scope.size === 0) return [];
    const rows = await this.fetch((qb) => {
      if (scope !== ALL_ORGANIZATIONS) qb.where('o.id IN (:...ids)', { ids: [...scope] });
    });
    return rows.map(toModel);
  }

  get(actor: Actor, id: string, meta: RequestMeta): Promise<OrganizationModel> {
    return this.audit.recordDenials(() => this.read(actor, id, meta));
  }

  private async read(actor: Actor, id: string, meta: RequestMeta): Promise<OrganizationModel> {
    const [row] = await this.fetch((qb) => qb.where('o.id = :id', { id }));
    if (!row) throw new NotFoundError('organization');
    if (!inScope(organizationScope(actor, READERS), row.id)) {
      this.denied(actor, meta, 'organization.read', row.id);
    }
    return toModel(row);
  }

  /**
   * Saves the public profile of an agency. The version check sits in the UPDATE
   * itself, so of two people saving the same version exactly one wins; the other
   * gets CONFLICT with the current values.
   */
  updateProfile(actor: Actor, input: UpdateOrganizationProfileInput, meta: RequestMeta): Promise<OrganizationModel> {
    return this.audit.recordDenials(() => this.saveProfile(actor, input, meta));
  }

  private async saveProfile(actor: Actor, input: UpdateOrganizationProfileInput, meta: RequestMeta): Promise<OrganizationModel> {
    const existing = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: input.id });
    if (!existing) throw new NotFoundError('organization');
    if (!inScope(organizationScope(actor, PROFILE_EDITORS), existing.id)) {
      this.denied(actor, meta, 'organization.update_profile', existing.id);
    }
    const next = {
      description: input.description === undefined ? existing.description : input.description,
      websiteUrl: input.websiteUrl === undefined ? existing.websiteUrl : input.websiteUrl,
    };
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(OrganizationEntity)
        .set({ ...next, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: input.id, version: input.expectedVersion })
        .execute();
      if (result.affected !== 1) {
        const current = await manager.findOneByOrFail(OrganizationEntity, { id: input.id });
        throw new ConflictError('Someone else saved this profile after you opened it. Review their changes, then save again.', {
          currentVersion: current.version,
          current: { description: current.description, websiteUrl: current.websiteUrl, updatedAt: current.updatedAt.toISOString() },
        });
      }
      await this.audit.record(manager, {
        actor,
        meta,
        action: 'organization.update_profile',
        outcome: AuditOutcome.SUCCESS,
        subjectType: 'Organization',
        subjectId: existing.id,
        organizationId: existing.id,
        changes: diffChanges(existing, { ...existing, ...next }, PROFILE_FIELDS),
      });
    });
    return this.read(actor, input.id, meta);
  }

  /** Refuses; the DENIED audit event is written by `recordDenials`, as for every other refusal. */
  private denied(actor: Actor, meta: RequestMeta, action: string, organizationId: string): never {
    throw withDeniedAudit(new ForbiddenError(action, 'Organization', organizationId, 'You do not have access to this organization.'), {
      actor,
      meta,
      action,
      subjectType: 'Organization',
      subjectId: organizationId,
      organizationId,
      message: 'Outside the actor’s agency scope',
    });
  }
}
