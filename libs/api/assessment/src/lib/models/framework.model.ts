import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ScaleLevel')
export class ScaleLevelModel {
  @Field(() => Int) value!: number;
  @Field() label!: string;
  @Field() definition!: string;
}

@ObjectType('LevelDescriptor')
export class LevelDescriptorModel {
  @Field(() => Int) value!: number;
  @Field() descriptor!: string;
}

@ObjectType('Criterion')
export class CriterionModel {
  @Field() code!: string;
  @Field() statement!: string;
  @Field() guidance!: string;
  @Field() evidencePrompt!: string;
  @Field(() => Float) weight!: number;
  @Field(() => [LevelDescriptorModel]) levels!: LevelDescriptorModel[];
}

@ObjectType('FrameworkDomain')
export class FrameworkDomainModel {
  @Field() code!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => [CriterionModel]) criteria!: CriterionModel[];
}

@ObjectType('FrameworkVersion')
export class FrameworkVersionModel {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() version!: string;
  @Field() name!: string;
  @Field({ description: 'CAPACITY counts toward the A-11 score; SUPPLEMENTAL (e.g. CivX) is reported separately.' }) kind!: string;
  @Field({ description: 'DRAFT, PUBLISHED or RETIRED. Published versions never change.' }) status!: string;
  @Field(() => Int) effectiveFiscalYear!: number;
  @Field() description!: string;
  @Field() scoringDescription!: string;
  @Field(() => Float) domainMaxPoints!: number;
  @Field(() => [ScaleLevelModel]) scale!: ScaleLevelModel[];
  @Field(() => [FrameworkDomainModel]) domains!: FrameworkDomainModel[];
  @Field(() => Date, { description: 'When the version was first imported.' }) importedAt!: Date;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
}

@ObjectType('FrameworkImportResult')
export class FrameworkImportResultModel {
  @Field(() => FrameworkVersionModel) framework!: FrameworkVersionModel;
  @Field({ description: 'False when the same file had been imported already.' }) created!: boolean;
}
