import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, CurrentRequest, NotFoundError, requestMeta, type RequestWithActor, Roles } from '@cx/api-shared-graphql';
import { AGENCY_ROLES, OMB_ROLES, Role } from '@cx/shared-domain';

import { CycleService } from './cycle.service';
import { OpenCycleInput } from './dto/open-cycle.input';
import { CycleModel, OpenCycleResultModel } from './models/cycle.model';

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

  @Mutation(() => OpenCycleResultModel)
  @Roles(Role.OMB_ADMIN)
  openCycle(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('input') input: OpenCycleInput,
  ): Promise<OpenCycleResultModel> {
    return this.cycleService.open(actor, input, requestMeta(req));
  }

  @Mutation(() => CycleModel, { description: 'Closes an open cycle: its assessments become read-only and it is no longer current.' })
  @Roles(Role.OMB_ADMIN)
  closeCycle(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('id', { type: () => ID }, new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('cycle') })) id: string,
  ): Promise<CycleModel> {
    return this.cycleService.close(actor, id, requestMeta(req));
  }
}
