import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CycleStatus } from '@cx/shared-domain';

registerEnumType(CycleStatus, { name: 'CycleStatus' });

@ObjectType('Cycle')
export class CycleModel {
  @Field(() => ID) id!: string;
  @Field(() => Int) fiscalYear!: number;
  @Field() name!: string;
  @Field(() => CycleStatus) status!: CycleStatus;
  @Field(() => ID, { nullable: true, description: 'The capacity framework version of this cycle’s assessments.' }) frameworkVersionId!:
    string | null;
  @Field(() => String, { nullable: true, description: 'ISO date (YYYY-MM-DD).' }) assessmentDueOn!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO date (YYYY-MM-DD).' }) draftPlanDueOn!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO date (YYYY-MM-DD).' }) finalPlanDueOn!: string | null;
}

@ObjectType('OpenCycleResult')
export class OpenCycleResultModel {
  @Field(() => CycleModel) cycle!: CycleModel;
  @Field(() => Int, { description: 'Assessments created by this call (0 when run again).' }) assessmentsCreated!: number;
}
