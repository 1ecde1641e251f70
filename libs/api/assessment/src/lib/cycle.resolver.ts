import { Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@cx/api-shared-graphql';
import { AGENCY_ROLES, OMB_ROLES } from '@cx/shared-domain';

import { CycleService } from './cycle.service';
import { CycleModel } from './models/cycle.model';

@Resolver(() => CycleModel)
export class CycleResolver {
  constructor(private readonly cycleService: CycleService) {}

  @Query(() => [CycleModel])
  @Roles(...AGENCY_ROLES, ...OMB_ROLES)
  cycles(): Promise<CycleModel[]> {
    return this.cycleService.list();
  }

  @Query(() => CycleModel, { nullable: true })
  @Roles(...AGENCY_ROLES, ...OMB_ROLES)
  currentCycle(): Promise<CycleModel | null> {
    return this.cycleService.current();
  }
}
