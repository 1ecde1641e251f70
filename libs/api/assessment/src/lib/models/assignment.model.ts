import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Assignment')
export class AssignmentModel {
  @Field(() => ID) assessmentId!: string;
  @Field() organizationName!: string;
  @Field(() => Int) fiscalYear!: number;
  @Field() domainCode!: string;
  @Field() domainName!: string;
  @Field() criterionCode!: string;
  @Field() statement!: string;
  @Field(() => String, { nullable: true }) dueOn!: string | null;
  @Field() answered!: boolean;
}
