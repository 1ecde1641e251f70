import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Evidence')
export class EvidenceModel {
  @Field(() => ID) id!: string;
  @Field() criterionCode!: string;
  @Field({ description: 'LINK or FILE.' }) kind!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true }) fileName!: string | null;
  @Field(() => String, { nullable: true }) contentType!: string | null;
  @Field(() => Int, { nullable: true }) sizeBytes!: number | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the file, to check a download.' }) sha256!: string | null;
  @Field(() => String, { nullable: true, description: 'Where to download a file (always as an attachment).' }) downloadPath!: string | null;
  @Field() createdAt!: Date;
}
