import { Args, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, organizationScope, Roles } from '@cx/api-shared-graphql';
import { Role } from '@cx/shared-domain';

import { AuditSealService } from './audit-seal.service';
import { AuditService } from './audit.service';
import { AuditIntegrityModel } from './models/audit-integrity.model';
import { AuditEventPageModel } from './models/audit-event.model';
import { AuditEventsArgs } from './models/audit-events.args';

const AUDIT_READERS = [Role.OMB_ADMIN, Role.AGENCY_CX_LEAD];

@Resolver(() => AuditEventPageModel)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly seals: AuditSealService,
  ) {}

  /** OMB administrators read every event; CX leads read their own agency's. */
  @Query(() => AuditEventPageModel)
  @Roles(...AUDIT_READERS)
  auditEvents(@CurrentActor() actor: Actor, @Args() args: AuditEventsArgs): Promise<AuditEventPageModel> {
    return this.audit.page(organizationScope(actor, AUDIT_READERS), args.filter ?? {}, args.first, args.after);
  }

  /** Recomputes the whole hash chain: for OMB administrators, who hold the trail for every agency. */
  @Query(() => AuditIntegrityModel)
  @Roles(Role.OMB_ADMIN)
  auditIntegrity(): Promise<AuditIntegrityModel> {
    return this.seals.verify();
  }
}
