import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from '@cx/api-shared-graphql';
import { AuditOutcome } from '@cx/shared-domain';

registerEnumType(AuditOutcome, { name: 'AuditOutcome' });

@ObjectType('AuditEvent')
export class AuditEventModel {
  @Field(() => ID) id!: string;
  @Field() occurredAt!: Date;
  @Field(() => ID, { nullable: true }) actorUserId!: string | null;
  @Field(() => String, { nullable: true }) actorDisplayName!: string | null;
  @Field(() => [String]) actorRoles!: string[];
  @Field(() => ID, { nullable: true }) organizationId!: string | null;
  @Field() action!: string;
  @Field(() => String, { nullable: true }) subjectType!: string | null;
  @Field(() => String, { nullable: true }) subjectId!: string | null;
  @Field(() => AuditOutcome) outcome!: AuditOutcome;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @Field(() => String, { nullable: true }) clientIp!: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) changes!: unknown;
  @Field(() => String, { nullable: true }) message!: string | null;
}

@ObjectType('AuditEventPage')
export class AuditEventPageModel {
  @Field(() => [AuditEventModel]) items!: AuditEventModel[];
  @Field(() => Int) totalCount!: number;
  @Field(() => String, { nullable: true }) nextCursor!: string | null;
}
