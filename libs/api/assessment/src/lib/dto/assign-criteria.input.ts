import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';

@InputType()
export class AssignCriteriaInput {
  @Field(() => ID) @IsUUID('all', { message: 'This assessment link is not valid.' }) assessmentId!: string;

  @Field(() => [String], { nullable: true, description: 'Criteria to assign; or give domainCode to assign a whole area.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  criterionCodes?: string[];

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(60) domainCode?: string;

  @Field(() => ID, { nullable: true, description: 'Null removes the assignment.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'Choose a person from your agency.' })
  assigneeUserId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true }, { message: 'Enter a date as YYYY-MM-DD.' })
  dueOn?: string | null;
}
