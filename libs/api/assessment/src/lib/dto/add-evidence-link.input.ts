import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUrl, IsUUID, MaxLength, MinLength } from 'class-validator';

@InputType()
export class AddEvidenceLinkInput {
  @Field(() => ID) @IsUUID('all', { message: 'This assessment link is not valid.' }) assessmentId!: string;
  @Field() @IsString() @MaxLength(60) criterionCode!: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'Give the evidence a short title.' })
  @MaxLength(200, { message: 'Keep the title to 200 characters or fewer.' })
  title!: string;

  @Field()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'Enter a full web address that starts with https://.' })
  @MaxLength(2000, { message: 'Keep the web address to 2,000 characters or fewer.' })
  url!: string;
}
