import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

@InputType()
export class ImportFrameworkInput {
  /** The framework file's text (JSON), read in the browser or by the CLI. */
  @Field()
  @IsString()
  @MinLength(2, { message: 'Choose a framework file to upload.' })
  @MaxLength(1_000_000, { message: 'The file is larger than 1 MB. Framework files are much smaller; check you chose the right file.' })
  fileContent!: string;

  @Field(() => Boolean, { defaultValue: false, description: 'Publish at once (immutable from then on).' })
  @IsOptional()
  @IsBoolean()
  publish = false;
}
