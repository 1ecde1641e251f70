import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { AssessmentEntity } from './assessment.entity';

/**
 * Evidence for one criterion: a link, or a file kept in the database (so replicas share it and
 * backups include it). Files are only ever served as downloads, never rendered inline.
 */
@Entity({ name: 'evidence' })
@Index('IDX_EVIDENCE_ASSESSMENT_CRITERION', ['assessmentId', 'criterionCode'])
@Check('CHK_EVIDENCE_KIND', `"kind" IN ('LINK', 'FILE')`)
export class EvidenceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_EVIDENCE' })
  id!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne(() => AssessmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id', foreignKeyConstraintName: 'FK_EVIDENCE_ASSESSMENT' })
  assessment?: AssessmentEntity;

  @Column({ name: 'criterion_code', type: 'varchar', length: 60 })
  criterionCode!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: 'LINK' | 'FILE';

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url!: string | null;

  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true })
  fileName!: string | null;

  @Column({ name: 'content_type', type: 'varchar', length: 100, nullable: true })
  contentType!: string | null;

  @Column({ name: 'size_bytes', type: 'integer', nullable: true })
  sizeBytes!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  /** File bytes; never selected in lists (see `select: false`). */
  @Column({ type: 'bytea', nullable: true, select: false })
  content!: Buffer | null;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
