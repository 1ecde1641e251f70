import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, CurrentRequest, NotFoundError, requestMeta, type RequestWithActor, Roles } from '@cx/api-shared-graphql';
import { AGENCY_ROLES, OMB_ROLES, Role } from '@cx/shared-domain';
import { ParseUUIDPipe } from '@nestjs/common';

import { UpdateOrganizationProfileInput } from './dto/update-organization-profile.input';
import { OrganizationModel } from './models/organization.model';
import { OrganizationService } from './organization.service';

@Resolver(() => OrganizationModel)
export class OrganizationResolver {
  constructor(private readonly organizationService: OrganizationService) {}

  @Query(() => [OrganizationModel])
  @Roles(...AGENCY_ROLES, ...OMB_ROLES)
  organizations(@CurrentActor() actor: Actor): Promise<OrganizationModel[]> {
    return this.organizationService.list(actor);
  }

  @Query(() => OrganizationModel)
  @Roles(...AGENCY_ROLES, ...OMB_ROLES)
  organization(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('id', { type: () => ID }, new ParseUUIDPipe({ exceptionFactory: () => notFound() })) id: string,
  ): Promise<OrganizationModel> {
    return this.organizationService.get(actor, id, requestMeta(req));
  }

  @Mutation(() => OrganizationModel)
  @Roles(Role.OMB_ADMIN, Role.AGENCY_CX_LEAD)
  updateOrganizationProfile(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('input') input: UpdateOrganizationProfileInput,
  ): Promise<OrganizationModel> {
    return this.organizationService.updateProfile(actor, input, requestMeta(req));
  }
}

function notFound(): Error {
  return new NotFoundError('organization');
}
