import { AuditOutcome } from '@cx/shared-domain';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a database trigger refuses UPDATE and DELETE (see the CreateFoundation migration). */
@Entity({ name: 'audit_event' })
@Index('IDX_AUDIT_EVENT_OCCURRED_AT', ['occurredAt'])
@Index('IDX_AUDIT_EVENT_ORGANIZATION_OCCURRED_AT', ['organizationId', 'occurredAt'])
@Index('IDX_AUDIT_EVENT_SUBJECT', ['subjectType', 'subjectId'])
@Index('IDX_AUDIT_EVENT_CLIENT_IP_ACTION_OCCURRED_AT', ['clientIp', 'action', 'occurredAt'])
@Check('CHK_AUDIT_EVENT_OUTCOME', `"outcome" IN ('SUCCESS', 'DENIED', 'FAILURE')`)
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_AUDIT_EVENT' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_display_name', type: 'varchar', length: 200, nullable: true })
  actorDisplayName!: string | null;

  /** Roles held at the time, as "ROLE@ORG_ABBREVIATION". */
  @Column({ name: 'actor_roles', type: 'jsonb' })
  actorRoles!: string[];

  /** The agency the subject belongs to, for scoped reading of the log. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 100, nullable: true })
  subjectType!: string | null;

  @Column({ name: 'subject_id', type: 'varchar', length: 100, nullable: true })
  subjectId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  outcome!: AuditOutcome;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @Column({ name: 'client_ip', type: 'varchar', length: 64, nullable: true })
  clientIp!: string | null;

  /** Changed fields: { field: { before, after } }. */
  @Column({ type: 'jsonb', nullable: true })
  changes!: Record<string, { before: unknown; after: unknown }> | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;
}
