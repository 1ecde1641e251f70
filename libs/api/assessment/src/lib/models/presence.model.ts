import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('AssessmentViewer')
export class AssessmentViewerModel {
  @Field(() => ID) userId!: string;
  @Field() displayName!: string;
  @Field() lastSeenAt!: Date;
}

@ObjectType('AssignableUser')
export class AssignableUserModel {
  @Field(() => ID) id!: string;
  @Field() displayName!: string;
  @Field({ description: 'Plain-language role, e.g. "Agency contributor".' }) roleLabel!: string;
}
