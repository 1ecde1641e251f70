import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

import { RoleAssignmentEntity } from './role-assignment.entity';

@Entity({ name: 'app_user' })
@Index('UQ_APP_USER_EMAIL', ['email'], { unique: true })
@Index('UQ_APP_USER_OIDC_SUBJECT', ['oidcSubject'], { unique: true, where: '"oidc_subject" IS NOT NULL' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_APP_USER' })
  id!: string;

  /** Stored lower-case so look-ups are case-insensitive. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ name: 'oidc_subject', type: 'varchar', length: 255, nullable: true })
  oidcSubject!: string | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  /** Seeded demo users may be chosen on the demo sign-in page; real users never. */
  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo!: boolean;

  @OneToMany(() => RoleAssignmentEntity, (a) => a.user)
  roleAssignments?: RoleAssignmentEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
