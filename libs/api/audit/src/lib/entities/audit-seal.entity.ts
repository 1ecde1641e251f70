import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

import { AuditEventEntity } from './audit-event.entity';

/**
 * One link of the audit trail's hash chain: a SHA-256 over the events it seals (in time order) and the previous
 * seal's hash. Append-only, as the events are. Changing or deleting a sealed event, or a seal, breaks the chain
 * from there on, which `auditIntegrity` reports (NIST AU-9).
 */
@Entity({ name: 'audit_seal' })
@Index('UQ_AUDIT_SEAL_PREVIOUS_HASH', ['previousHash'], { unique: true })
export class AuditSealEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_AUDIT_SEAL' })
  id!: string;

  @Column({ name: 'sealed_at', type: 'timestamptz', default: () => 'now()' })
  sealedAt!: Date;

  @Column({ name: 'event_count', type: 'integer' })
  eventCount!: number;

  /** The latest `occurred_at` among its events: the next seal looks for unsealed events from an hour before it. */
  @Column({ name: 'last_occurred_at', type: 'timestamptz' })
  lastOccurredAt!: Date;

  /** Null for the first seal only. */
  @Column({ name: 'previous_hash', type: 'char', length: 64, nullable: true })
  previousHash!: string | null;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}

/** Which seal covers an event: each event is sealed once. */
@Entity({ name: 'audit_event_seal' })
@Index('IDX_AUDIT_EVENT_SEAL_SEAL', ['sealId'])
export class AuditEventSealEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'PK_AUDIT_EVENT_SEAL' })
  eventId!: string;

  @Column({ name: 'seal_id', type: 'bigint' })
  sealId!: string;

  @ManyToOne(() => AuditEventEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'FK_AUDIT_EVENT_SEAL_EVENT' })
  event?: AuditEventEntity;

  @ManyToOne(() => AuditSealEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'seal_id', foreignKeyConstraintName: 'FK_AUDIT_EVENT_SEAL_SEAL' })
  seal?: AuditSealEntity;
}
