import { OrganizationKind } from '@cx/shared-domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'organization' })
@Index('IDX_ORGANIZATION_PARENT_ID', ['parentId'])
@Index('UQ_ORGANIZATION_ABBREVIATION', ['abbreviation'], { unique: true })
@Check('CHK_ORGANIZATION_KIND', `"kind" IN ('OMB', 'DEPARTMENT', 'BUREAU')`)
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_ORGANIZATION' })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 40 })
  abbreviation!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: OrganizationKind;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_ORGANIZATION_PARENT' })
  parent?: OrganizationEntity | null;

  /** A High Impact Service Provider designated by OMB under A-11 §280. */
  @Column({ name: 'is_hisp', type: 'boolean', default: false })
  isHisp!: boolean;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'website_url', type: 'varchar', length: 500, nullable: true })
  websiteUrl!: string | null;

  /** Optimistic-concurrency version, checked in the UPDATE's WHERE clause. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
