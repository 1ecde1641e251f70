import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateIf } from 'class-validator';

const trimToNull = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value;

@InputType()
export class SaveCriterionResponseInput {
  @Field(() => ID) @IsUUID('all', { message: 'This assessment link is not valid.' }) assessmentId!: string;

  @Field() @IsString() @MaxLength(60) criterionCode!: string;

  @Field(() => Int, { description: '0 when answering for the first time.' })
  @IsInt()
  @Min(0)
  expectedVersion!: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'Choose one of the levels.' })
  level?: number | null;

  @Field({ nullable: true }) @IsOptional() @IsBoolean() notApplicable?: boolean;

  @Field(() => String, { nullable: true, description: 'Why the level was chosen; required when not applicable.' })
  @IsOptional()
  @Transform(trimToNull)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(4000, { message: 'Keep the rationale to 4,000 characters or fewer.' })
  rationale?: string | null;

  @Field({ nullable: true }) @IsOptional() @IsBoolean() markedForReview?: boolean;

  @Field({ nullable: true, description: 'Confirm a carried-forward answer as still true.' })
  @IsOptional()
  @IsBoolean()
  confirmCarriedForward?: boolean;

  @Field(() => ID, { nullable: true, description: 'A new id (a UUID) for this save, kept with the answer it writes.' })
  @IsOptional()
  @IsUUID('all', { message: 'This save could not be identified. Reload the page and try again.' })
  saveId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      "The ids of this client's earlier saves of this answer whose replies it did not get (at most 20). If the answer as stored was written by one of them, this save applies on top of it instead of answering CONFLICT.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20, { message: 'Send at most 20 earlier saves.' })
  @IsUUID('all', { each: true, message: 'This save could not be identified. Reload the page and try again.' })
  afterSaveIds?: string[] | null;
}

@InputType()
export class SaveDomainTargetInput {
  @Field(() => ID) @IsUUID('all', { message: 'This assessment link is not valid.' }) assessmentId!: string;
  @Field() @IsString() @MaxLength(60) domainCode!: string;
  @Field(() => Int) @IsInt() @Min(0) expectedVersion!: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'Choose one of the levels.' })
  targetLevel?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(4000, { message: 'Keep the narrative to 4,000 characters or fewer.' })
  narrative?: string | null;
}
