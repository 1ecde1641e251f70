import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One version of an assessment framework (domains → criteria → level descriptors),
 * stored as the validated file it was imported from. Published versions are never
 * changed: a change is a new version, and assessments keep the version they began with.
 */
@Entity({ name: 'framework_version' })
@Index('UQ_FRAMEWORK_VERSION_CODE_VERSION', ['code', 'version'], { unique: true })
@Check('CHK_FRAMEWORK_VERSION_STATUS', `"status" IN ('DRAFT', 'PUBLISHED', 'RETIRED')`)
@Check('CHK_FRAMEWORK_VERSION_KIND', `"kind" IN ('CAPACITY', 'SUPPLEMENTAL')`)
export class FrameworkVersionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_FRAMEWORK_VERSION' })
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  code!: string;

  @Column({ type: 'varchar', length: 20 })
  version!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: 'CAPACITY' | 'SUPPLEMENTAL';

  @Column({ name: 'effective_fiscal_year', type: 'integer' })
  effectiveFiscalYear!: number;

  @Column({ type: 'varchar', length: 20 })
  status!: 'DRAFT' | 'PUBLISHED' | 'RETIRED';

  /** The validated framework file. */
  @Column({ type: 'jsonb' })
  definition!: Record<string, unknown>;

  /** SHA-256 of the file as imported, to recognise a re-import of the same content. */
  @Column({ type: 'varchar', length: 64 })
  checksum!: string;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
