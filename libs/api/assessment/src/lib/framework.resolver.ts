import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, CurrentRequest, NotFoundError, requestMeta, type RequestWithActor, Roles } from '@cx/api-shared-graphql';
import { AGENCY_ROLES, OMB_ROLES, Role } from '@cx/shared-domain';

import { ImportFrameworkInput } from './dto/import-framework.input';
import { FrameworkService } from './framework.service';
import { FrameworkImportResultModel, FrameworkVersionModel } from './models/framework.model';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('framework version') });

@Resolver(() => FrameworkVersionModel)
export class FrameworkResolver {
  constructor(private readonly frameworkService: FrameworkService) {}

  @Query(() => [FrameworkVersionModel])
  @Roles(...AGENCY_ROLES, ...OMB_ROLES)
  frameworkVersions(): Promise<FrameworkVersionModel[]> {
    return this.frameworkService.list();
  }

  @Query(() => FrameworkVersionModel)
  @Roles(...AGENCY_ROLES, ...OMB_ROLES)
  frameworkVersion(@Args('id', { type: () => ID }, uuid) id: string): Promise<FrameworkVersionModel> {
    return this.frameworkService.get(id);
  }

  @Mutation(() => FrameworkImportResultModel)
  @Roles(Role.OMB_ADMIN)
  importFramework(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('input') input: ImportFrameworkInput,
  ): Promise<FrameworkImportResultModel> {
    return this.frameworkService.import(actor, input.fileContent, input.publish, requestMeta(req));
  }

  @Mutation(() => FrameworkVersionModel)
  @Roles(Role.OMB_ADMIN)
  publishFrameworkVersion(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('id', { type: () => ID }, uuid) id: string,
  ): Promise<FrameworkVersionModel> {
    return this.frameworkService.publish(actor, id, requestMeta(req));
  }

  @Mutation(() => FrameworkVersionModel, { description: 'Published → retired: no longer offered for new cycles; assessments keep it.' })
  @Roles(Role.OMB_ADMIN)
  retireFrameworkVersion(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('id', { type: () => ID }, uuid) id: string,
  ): Promise<FrameworkVersionModel> {
    return this.frameworkService.retire(actor, id, requestMeta(req));
  }
}
