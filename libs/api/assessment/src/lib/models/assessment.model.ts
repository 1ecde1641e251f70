import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

import { EvidenceModel } from './evidence.model';
import { FrameworkVersionModel } from './framework.model';

@ObjectType('PersonRef')
export class PersonRefModel {
  @Field(() => ID) id!: string;
  @Field() displayName!: string;
}

@ObjectType('CriterionResponse')
export class CriterionResponseModel {
  @Field(() => ID) id!: string;
  @Field() criterionCode!: string;
  @Field(() => Int, { nullable: true }) level!: number | null;
  @Field() notApplicable!: boolean;
  @Field(() => String, { nullable: true }) rationale!: string | null;
  @Field() markedForReview!: boolean;
  @Field({ description: 'Copied from last year and not yet confirmed.' }) carriedForward!: boolean;
  @Field(() => PersonRefModel, { nullable: true }) assignee!: PersonRefModel | null;
  @Field(() => String, { nullable: true }) dueOn!: string | null;
  @Field(() => Int, { description: 'Send back as expectedVersion when saving.' }) version!: number;
  @Field(() => PersonRefModel, { nullable: true }) updatedBy!: PersonRefModel | null;
  @Field() updatedAt!: Date;
  @Field({ description: 'Whether the signed-in user may change this answer.' }) editable!: boolean;
}

@ObjectType('DomainTarget')
export class DomainTargetModel {
  @Field() domainCode!: string;
  @Field(() => Int, { nullable: true }) targetLevel!: number | null;
  @Field(() => String, { nullable: true }) narrative!: string | null;
  @Field(() => Int) version!: number;
}

@ObjectType('DomainScore')
export class DomainScoreModel {
  @Field() domainCode!: string;
  @Field() domainName!: string;
  @Field(() => Int) answered!: number;
  @Field(() => Int) applicable!: number;
  @Field(() => Int) total!: number;
  @Field(() => Float, { description: 'Share of applicable criteria answered, 0 to 1.' }) completion!: number;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => Float) maxPoints!: number;
  @Field(() => Float, { nullable: true }) currentLevel!: number | null;
  @Field(() => Int, { nullable: true }) targetLevel!: number | null;
  @Field(() => Float, { nullable: true }) gap!: number | null;
  @Field(() => [String]) criteriaBelowTarget!: string[];
  @Field(() => Int) markedForReview!: number;
}

@ObjectType('AssessmentScores')
export class AssessmentScoresModel {
  @Field(() => Float, { nullable: true }) total!: number | null;
  @Field(() => Float) maxTotal!: number;
  @Field(() => Float) completion!: number;
  @Field(() => [DomainScoreModel]) domains!: DomainScoreModel[];
}

@ObjectType('YearOverYear')
export class YearOverYearModel {
  @Field() domainCode!: string;
  @Field(() => Float, { nullable: true }) previousScore!: number | null;
  @Field(() => Float, { nullable: true }) previousLevel!: number | null;
  @Field(() => Float, { nullable: true }) currentScore!: number | null;
  @Field(() => Float, { nullable: true, description: 'currentScore − previousScore.' }) change!: number | null;
}

@ObjectType('SupplementalModule', {
  description: 'An optional module the agency added (e.g. civic experience): reported separately, never part of the A-11 score.',
})
export class SupplementalModuleModel {
  @Field(() => FrameworkVersionModel) framework!: FrameworkVersionModel;
  @Field(() => [CriterionResponseModel]) responses!: CriterionResponseModel[];
  @Field(() => AssessmentScoresModel) scores!: AssessmentScoresModel;
}

@ObjectType('Assessment')
export class AssessmentModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) cycleId!: string;
  @Field(() => Int) fiscalYear!: number;
  @Field(() => ID) organizationId!: string;
  @Field() organizationName!: string;
  @Field() status!: string;
  @Field(() => FrameworkVersionModel) framework!: FrameworkVersionModel;
  @Field({ description: 'False for OMB users while the assessment is a draft: they see progress, not answers.' }) contentsVisible!: boolean;
  @Field({ description: 'Whether the signed-in user may change anything (lead, or contributor with assignments).' }) canEdit!: boolean;
  @Field(() => [CriterionResponseModel]) responses!: CriterionResponseModel[];
  @Field(() => [DomainTargetModel]) targets!: DomainTargetModel[];
  @Field(() => AssessmentScoresModel, { description: 'The capacity framework’s scores (modules are scored separately).' })
  scores!: AssessmentScoresModel;
  @Field(() => [SupplementalModuleModel]) supplementalModules!: SupplementalModuleModel[];
  @Field(() => ID, { nullable: true, description: 'Last year’s assessment of the same HISP, if any.' }) previousAssessmentId!:
    string | null;
  @Field(() => [EvidenceModel], { description: 'Evidence for every criterion (metadata only).' }) evidence!: EvidenceModel[];
  @Field(() => [YearOverYearModel], { description: 'Per domain: last year’s score and level beside this year’s.' })
  yearOverYear!: YearOverYearModel[];
  @Field() updatedAt!: Date;
}

/** What autosave gets back: the saved answer at once; the scores only when asked for (they cost a query). */
@ObjectType('SaveCriterionResponsePayload')
export class SaveCriterionResponsePayloadModel {
  @Field(() => ID) assessmentId!: string;
  @Field({ description: 'The assessment’s status after the save (the first answer starts it).' }) assessmentStatus!: string;
  @Field(() => ID, { description: 'The framework the answered criterion belongs to: the capacity framework or a module.' })
  frameworkVersionId!: string;
  @Field(() => CriterionResponseModel) response!: CriterionResponseModel;
}
