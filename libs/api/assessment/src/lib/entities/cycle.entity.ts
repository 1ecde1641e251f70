import { CycleStatus } from '@cx/shared-domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

import { FrameworkVersionEntity } from './framework-version.entity';

/** One fiscal year of the A-11 §280 program: deadlines are data, not code. */
@Entity({ name: 'cycle' })
@Index('UQ_CYCLE_FISCAL_YEAR', ['fiscalYear'], { unique: true })
@Check('CHK_CYCLE_STATUS', `"status" IN ('PLANNED', 'OPEN', 'CLOSED')`)
export class CycleEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_CYCLE' })
  id!: string;

  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: CycleStatus;

  /** The capacity framework version every assessment of this cycle uses. */
  @Column({ name: 'framework_version_id', type: 'uuid', nullable: true })
  frameworkVersionId!: string | null;

  @ManyToOne(() => FrameworkVersionEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'framework_version_id', foreignKeyConstraintName: 'FK_CYCLE_FRAMEWORK_VERSION' })
  frameworkVersion?: FrameworkVersionEntity | null;

  @Column({ name: 'assessment_due_on', type: 'date', nullable: true })
  assessmentDueOn!: string | null;

  @Column({ name: 'draft_plan_due_on', type: 'date', nullable: true })
  draftPlanDueOn!: string | null;

  @Column({ name: 'final_plan_due_on', type: 'date', nullable: true })
  finalPlanDueOn!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
