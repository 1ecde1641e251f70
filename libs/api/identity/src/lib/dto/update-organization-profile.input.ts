import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, IsUUID, MaxLength, Min, ValidateIf } from 'class-validator';

const trimToNull = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value;

@InputType()
export class UpdateOrganizationProfileInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'This organization link is not valid.' })
  id!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000, { message: 'Keep the description to 2,000 characters or fewer.' })
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @ValidateIf((_, v) => v !== null)
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true },
    { message: 'Enter a full web address that starts with https://, for example https://www.va.gov.' },
  )
  @MaxLength(500, { message: 'Keep the web address to 500 characters or fewer.' })
  websiteUrl?: string | null;
}
