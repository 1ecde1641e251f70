import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  type Actor,
  CurrentActor,
  CurrentRequest,
  NotFoundError,
  Passive,
  requestMeta,
  type RequestWithActor,
  Roles,
} from '@cx/api-shared-graphql';
import { AGENCY_ROLES, OMB_ROLES, Role } from '@cx/shared-domain';

import { toScoresModel } from './assessment-read';
import { AssessmentService, type SavedCriterionResponse } from './assessment.service';
import { AddEvidenceLinkInput } from './dto/add-evidence-link.input';
import { AssignCriteriaInput } from './dto/assign-criteria.input';
import { SaveCriterionResponseInput, SaveDomainTargetInput } from './dto/save-criterion-response.input';
import { AssessmentModel, AssessmentScoresModel, SaveCriterionResponsePayloadModel } from './models/assessment.model';
import { AssignmentModel } from './models/assignment.model';
import { AssessmentViewerModel, AssignableUserModel } from './models/presence.model';

const uuid = (what: string) => new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError(what) });

@Resolver(() => AssessmentModel)
export class AssessmentResolver {
  constructor(private readonly assessmentService: AssessmentService) {}

  @Query(() => [AssessmentModel], { description: 'Assessments in your scope for a cycle (default: the current one).' })
  @Roles(...AGENCY_ROLES, ...OMB_ROLES)
  assessments(
    @CurrentActor() actor: Actor,
    @Args(
      'cycleId',
      { type: () => ID, nullable: true },
      new ParseUUIDPipe({ optional: true, exceptionFactory: () => new NotFoundError('cycle') }),
    )
    cycleId?: string,
  ): Promise<AssessmentModel[]> {
    return this.assessmentService.list(actor, cycleId);
  }

  @Query(() => AssessmentModel)
  @Roles(...AGENCY_ROLES, ...OMB_ROLES)
  assessment(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('id', { type: () => ID }, uuid('assessment')) id: string,
  ): Promise<AssessmentModel> {
    return this.assessmentService.get(actor, id, requestMeta(req));
  }

  @Query(() => [AssignableUserModel], { description: 'Contributors and CX leads of the assessment’s agency.' })
  @Roles(Role.AGENCY_CX_LEAD)
  assignableUsers(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('assessmentId', { type: () => ID }, uuid('assessment')) assessmentId: string,
  ): Promise<AssignableUserModel[]> {
    return this.assessmentService.assignableUsers(actor, assessmentId, requestMeta(req));
  }

  @Passive()
  @Mutation(() => [AssessmentViewerModel], { description: 'Heartbeat while an assessment is open; returns who else has it open.' })
  @Roles(...AGENCY_ROLES, ...OMB_ROLES)
  touchAssessmentPresence(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('assessmentId', { type: () => ID }, uuid('assessment')) assessmentId: string,
  ): Promise<AssessmentViewerModel[]> {
    return this.assessmentService.touchPresence(actor, assessmentId, requestMeta(req));
  }

  @Query(() => [AssignmentModel])
  @Roles(...AGENCY_ROLES)
  myAssignments(@CurrentActor() actor: Actor): Promise<AssignmentModel[]> {
    return this.assessmentService.myAssignments(actor);
  }

  @Mutation(() => SaveCriterionResponsePayloadModel, {
    description:
      'Saves one answer at `expectedVersion`. If someone saved it since, the answer is CONFLICT with theirs, unless it already is what this save asks for: then it succeeds at the stored version and writes nothing, so a save may safely be sent again; or unless it names, in `afterSaveIds`, the save that wrote the stored answer: then it applies on top.',
  })
  @Roles(Role.AGENCY_CX_LEAD, Role.AGENCY_CONTRIBUTOR)
  saveCriterionResponse(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('input') input: SaveCriterionResponseInput,
  ): Promise<SavedCriterionResponse> {
    return this.assessmentService.saveResponse(actor, input, requestMeta(req));
  }

  @Mutation(() => AssessmentModel)
  @Roles(Role.AGENCY_CX_LEAD)
  saveDomainTarget(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('input') input: SaveDomainTargetInput,
  ): Promise<AssessmentModel> {
    return this.assessmentService.saveTarget(actor, input, requestMeta(req));
  }

  @Mutation(() => AssessmentModel, { description: 'Start from last year’s answers; each is marked carried forward until confirmed.' })
  @Roles(Role.AGENCY_CX_LEAD)
  carryForwardAssessment(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('assessmentId', { type: () => ID }, uuid('assessment')) assessmentId: string,
  ): Promise<AssessmentModel> {
    return this.assessmentService.carryForward(actor, assessmentId, requestMeta(req));
  }

  @Mutation(() => AssessmentModel, {
    description: 'Adds an optional module (e.g. civic experience) to the assessment; it is scored and reported separately.',
  })
  @Roles(Role.AGENCY_CX_LEAD)
  addAssessmentModule(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('assessmentId', { type: () => ID }, uuid('assessment')) assessmentId: string,
    @Args('frameworkVersionId', { type: () => ID }, uuid('framework version')) frameworkVersionId: string,
  ): Promise<AssessmentModel> {
    return this.assessmentService.addModule(actor, assessmentId, frameworkVersionId, requestMeta(req));
  }

  @Mutation(() => AssessmentModel, { description: 'Takes a module off; its answers are kept and come back if it is added again.' })
  @Roles(Role.AGENCY_CX_LEAD)
  removeAssessmentModule(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('assessmentId', { type: () => ID }, uuid('assessment')) assessmentId: string,
    @Args('frameworkVersionId', { type: () => ID }, uuid('framework version')) frameworkVersionId: string,
  ): Promise<AssessmentModel> {
    return this.assessmentService.removeModule(actor, assessmentId, frameworkVersionId, requestMeta(req));
  }

  @Mutation(() => AssessmentModel)
  @Roles(Role.AGENCY_CX_LEAD, Role.AGENCY_CONTRIBUTOR)
  addEvidenceLink(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('input') input: AddEvidenceLinkInput,
  ): Promise<AssessmentModel> {
    return this.assessmentService.addEvidenceLink(actor, input, requestMeta(req));
  }

  @Mutation(() => AssessmentModel)
  @Roles(Role.AGENCY_CX_LEAD, Role.AGENCY_CONTRIBUTOR)
  removeEvidence(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('id', { type: () => ID }, uuid('evidence')) id: string,
  ): Promise<AssessmentModel> {
    return this.assessmentService.removeEvidence(actor, id, requestMeta(req));
  }

  @Mutation(() => AssessmentModel)
  @Roles(Role.AGENCY_CX_LEAD)
  assignCriteria(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Args('input') input: AssignCriteriaInput,
  ): Promise<AssessmentModel> {
    return this.assessmentService.assign(actor, input, requestMeta(req));
  }
}

/** The save payload's scores: computed only when selected, from the answers the save read under its lock. */
@Resolver(() => SaveCriterionResponsePayloadModel)
export class SaveCriterionResponsePayloadResolver {
  @ResolveField(() => AssessmentScoresModel, { description: 'Completion, scores and gaps of that framework after the save.' })
  scores(@Parent() saved: SavedCriterionResponse): AssessmentScoresModel {
    const { file, responses, targets } = saved.scoreInput;
    return toScoresModel(file, responses, targets, true);
  }
}
