import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@cx/api-shared-config';
import { DataSource, In } from 'typeorm';

import { OrganizationEntity } from './entities/organization.entity';
import type { ViewerModel } from './models/viewer.model';
import type { ResolvedSession } from './session.service';

@Injectable()
export class ViewerService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async toViewer(session: ResolvedSession): Promise<ViewerModel> {
    const ids = [...new Set(session.actor.roles.map((r) => r.organizationId))];
    const orgs = ids.length
      ? await this.dataSource
          .getRepository(OrganizationEntity)
          .createQueryBuilder('o')
          .leftJoinAndSelect('o.parent', 'p')
          .where({ id: In(ids) })
          .getMany()
      : [];
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return {
      user: {
        id: session.actor.userId,
        displayName: session.actor.displayName,
        email: session.actor.email,
        roles: session.actor.roles.flatMap((r) => {
          const o = byId.get(r.organizationId);
          return o ? [{ role: r.role, organization: { ...o, parentName: o.parent?.name ?? null } }] : [];
        }),
      },
      csrfToken: session.csrfToken,
      idleTimeoutSeconds: this.config.sessionIdleTimeoutSeconds,
      idleExpiresAt: session.idleExpiresAt,
      absoluteExpiresAt: session.absoluteExpiresAt,
    };
  }
}
