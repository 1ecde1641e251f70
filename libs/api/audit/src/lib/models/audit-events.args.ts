import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { AuditOutcome } from '@cx/shared-domain';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';

@InputType()
export class AuditEventFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(100) action?: string;
  @Field(() => AuditOutcome, { nullable: true }) @IsOptional() @IsEnum(AuditOutcome) outcome?: AuditOutcome;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Choose an organization from the list.' })
  organizationId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Choose a person from the list.' }) actorUserId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(100) subjectType?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(100) subjectId?: string;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate({ message: 'Enter a valid start date.' }) from?: Date;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate({ message: 'Enter a valid end date.' }) to?: Date;
}

@ArgsType()
export class AuditEventsArgs {
  @Field(() => AuditEventFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditEventFilter)
  filter?: AuditEventFilter;

  @Field(() => Int, { defaultValue: 50, complexity: 1 })
  @IsInt()
  @Min(1, { message: 'Ask for at least 1 event.' })
  @Max(200, { message: 'Ask for at most 200 events at a time.' })
  first = 50;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) after?: string;
}
