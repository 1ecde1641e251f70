import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsISO8601, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

const DATE = { message: 'Enter a date as YYYY-MM-DD.' };

@InputType()
export class OpenCycleInput {
  @Field(() => Int)
  @IsInt()
  @Min(2018, { message: 'A-11 §280 cycles start in fiscal year 2018.' })
  @Max(2100)
  fiscalYear!: number;

  @Field(() => String, { nullable: true, description: 'Defaults to "FY <year>".' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'Choose a published capacity framework.' })
  frameworkVersionId!: string;

  @Field() @IsISO8601({ strict: true }, DATE) assessmentDueOn!: string;
  @Field() @IsISO8601({ strict: true }, DATE) draftPlanDueOn!: string;
  @Field() @IsISO8601({ strict: true }, DATE) finalPlanDueOn!: string;
}
