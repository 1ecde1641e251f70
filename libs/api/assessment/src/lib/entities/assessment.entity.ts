import { OrganizationEntity } from '@cx/api-identity';
import { JoinColumn, ManyToOne, Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

import { CycleEntity } from './cycle.entity';
import { FrameworkVersionEntity } from './framework-version.entity';

/** One HISP's capacity self-assessment for one cycle. */
@Entity({ name: 'assessment' })
@Index('UQ_ASSESSMENT_CYCLE_ORGANIZATION', ['cycleId', 'organizationId'], { unique: true })
@Index('IDX_ASSESSMENT_ORGANIZATION_ID', ['organizationId'])
@Check('CHK_ASSESSMENT_STATUS', `"status" IN ('NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED', 'ACCEPTED')`)
export class AssessmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_ASSESSMENT' })
  id!: string;

  @Column({ name: 'cycle_id', type: 'uuid' })
  cycleId!: string;

  @ManyToOne(() => CycleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cycle_id', foreignKeyConstraintName: 'FK_ASSESSMENT_CYCLE' })
  cycle?: CycleEntity;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'FK_ASSESSMENT_ORGANIZATION' })
  organization?: OrganizationEntity;

  @Column({ name: 'framework_version_id', type: 'uuid' })
  frameworkVersionId!: string;

  @ManyToOne(() => FrameworkVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'framework_version_id', foreignKeyConstraintName: 'FK_ASSESSMENT_FRAMEWORK_VERSION' })
  frameworkVersion?: FrameworkVersionEntity;

  /** Optional supplemental modules the agency added (e.g. CivX), scored separately. */
  @Column({ name: 'supplemental_framework_version_ids', type: 'jsonb' })
  supplementalFrameworkVersionIds!: string[];

  @Column({ type: 'varchar', length: 20 })
  status!: 'NOT_STARTED' | 'IN_PROGRESS' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';

  /** Last year's assessment this one was started from, if any. */
  @Column({ name: 'carried_forward_from_id', type: 'uuid', nullable: true })
  carriedForwardFromId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
