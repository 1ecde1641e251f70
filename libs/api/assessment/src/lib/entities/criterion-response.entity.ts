import { UserEntity } from '@cx/api-identity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

import { AssessmentEntity } from './assessment.entity';
import { FrameworkVersionEntity } from './framework-version.entity';

/** The answer to one criterion. `version` is checked in the UPDATE so no edit is silently overwritten. */
@Entity({ name: 'criterion_response' })
@Index('UQ_CRITERION_RESPONSE_ASSESSMENT_FRAMEWORK_CRITERION', ['assessmentId', 'frameworkVersionId', 'criterionCode'], { unique: true })
@Index('IDX_CRITERION_RESPONSE_ASSIGNEE', ['assigneeUserId'])
export class CriterionResponseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_CRITERION_RESPONSE' })
  id!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne(() => AssessmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id', foreignKeyConstraintName: 'FK_CRITERION_RESPONSE_ASSESSMENT' })
  assessment?: AssessmentEntity;

  @Column({ name: 'framework_version_id', type: 'uuid' })
  frameworkVersionId!: string;

  @ManyToOne(() => FrameworkVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'framework_version_id', foreignKeyConstraintName: 'FK_CRITERION_RESPONSE_FRAMEWORK_VERSION' })
  frameworkVersion?: FrameworkVersionEntity;

  @Column({ name: 'criterion_code', type: 'varchar', length: 60 })
  criterionCode!: string;

  @Column({ type: 'integer', nullable: true })
  level!: number | null;

  @Column({ name: 'not_applicable', type: 'boolean', default: false })
  notApplicable!: boolean;

  @Column({ type: 'text', nullable: true })
  rationale!: string | null;

  @Column({ name: 'marked_for_review', type: 'boolean', default: false })
  markedForReview!: boolean;

  /** Copied from last year's answer and not yet confirmed. */
  @Column({ name: 'carried_forward', type: 'boolean', default: false })
  carriedForward!: boolean;

  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true })
  assigneeUserId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'assignee_user_id', foreignKeyConstraintName: 'FK_CRITERION_RESPONSE_ASSIGNEE' })
  assignee?: UserEntity | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'updated_by_user_id', type: 'uuid', nullable: true })
  updatedByUserId!: string | null;

  /**
   * The client's id of the save that wrote this version, if it sent one: a later save from that client whose
   * reply to this one was lost names it, and is applied on top rather than meeting its own edit as a conflict.
   */
  @Column({ name: 'last_save_id', type: 'uuid', nullable: true })
  lastSaveId!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
