import { UserEntity } from '@cx/api-identity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

import { AssessmentEntity } from './assessment.entity';
import { FrameworkVersionEntity } from './framework-version.entity';

/** The level a HISP aims for in one domain, and its narrative. */
@Entity({ name: 'domain_target' })
@Index('UQ_DOMAIN_TARGET_ASSESSMENT_FRAMEWORK_DOMAIN', ['assessmentId', 'frameworkVersionId', 'domainCode'], { unique: true })
export class DomainTargetEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_DOMAIN_TARGET' })
  id!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne(() => AssessmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id', foreignKeyConstraintName: 'FK_DOMAIN_TARGET_ASSESSMENT' })
  assessment?: AssessmentEntity;

  @Column({ name: 'framework_version_id', type: 'uuid' })
  frameworkVersionId!: string;

  @ManyToOne(() => FrameworkVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'framework_version_id', foreignKeyConstraintName: 'FK_DOMAIN_TARGET_FRAMEWORK_VERSION' })
  frameworkVersion?: FrameworkVersionEntity;

  @Column({ name: 'domain_code', type: 'varchar', length: 60 })
  domainCode!: string;

  @Column({ name: 'target_level', type: 'integer', nullable: true })
  targetLevel!: number | null;

  @Column({ type: 'text', nullable: true })
  narrative!: string | null;

  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true })
  assigneeUserId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'assignee_user_id', foreignKeyConstraintName: 'FK_DOMAIN_TARGET_ASSIGNEE' })
  assignee?: UserEntity | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'updated_by_user_id', type: 'uuid', nullable: true })
  updatedByUserId!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
