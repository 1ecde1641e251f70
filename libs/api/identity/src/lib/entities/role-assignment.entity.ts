import { Role } from '@cx/shared-domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

@Entity({ name: 'role_assignment' })
@Index('UQ_ROLE_ASSIGNMENT_USER_ROLE_ORG', ['userId', 'role', 'organizationId'], { unique: true })
@Index('IDX_ROLE_ASSIGNMENT_ORGANIZATION_ID', ['organizationId'])
@Check(
  'CHK_ROLE_ASSIGNMENT_ROLE',
  `"role" IN ('AGENCY_CONTRIBUTOR', 'AGENCY_CX_LEAD', 'AGENCY_EXECUTIVE', 'OMB_REVIEWER', 'OMB_ADMIN', 'OMB_EXECUTIVE')`,
)
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_ROLE_ASSIGNMENT' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, (u) => u.roleAssignments, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_ROLE_ASSIGNMENT_USER' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 40 })
  role!: Role;

  /** The agency (department or bureau) the role applies to; OMB roles point at the OMB organization. */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'FK_ROLE_ASSIGNMENT_ORGANIZATION' })
  organization?: OrganizationEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
