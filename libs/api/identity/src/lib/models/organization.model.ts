import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganizationKind } from '@cx/shared-domain';

registerEnumType(OrganizationKind, { name: 'OrganizationKind' });

@ObjectType('Organization')
export class OrganizationModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() abbreviation!: string;
  @Field(() => OrganizationKind) kind!: OrganizationKind;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => String, { nullable: true, description: 'Name of the department a bureau belongs to.' }) parentName!: string | null;
  @Field({ description: 'A High Impact Service Provider under A-11 §280.' }) isHisp!: boolean;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) websiteUrl!: string | null;
  @Field(() => Int, { description: 'Send back as expectedVersion when saving, to detect someone else’s edit.' }) version!: number;
  @Field() updatedAt!: Date;
}
