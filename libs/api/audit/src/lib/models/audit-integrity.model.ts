import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AuditIntegrity', { description: 'Whether the audit trail’s hash chain still matches its events (checked when asked).' })
export class AuditIntegrityModel {
  @Field({ description: 'True when every seal matches the events it covers and follows the seal before it.' }) ok!: boolean;
  @Field() checkedAt!: Date;
  @Field(() => Int) sealCount!: number;
  @Field(() => Int) sealedEventCount!: number;
  @Field(() => Date, { nullable: true }) lastSealedAt!: Date | null;
  @Field(() => Int, { description: 'Events written since the last seal; sealed within a minute or so.' }) unsealedEventCount!: number;
  @Field(() => Date, { nullable: true }) oldestUnsealedAt!: Date | null;
  @Field(() => [String], { description: 'Plain-language findings, the first broken seal first; empty when the chain holds.' })
  problems!: string[];
}
