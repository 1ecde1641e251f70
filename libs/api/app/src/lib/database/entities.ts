import { AuditEventEntity, AuditEventSealEntity, AuditSealEntity } from '@cx/api-audit';
import {
  AssessmentEntity,
  AssessmentPresenceEntity,
  CriterionResponseEntity,
  CycleEntity,
  DomainTargetEntity,
  EvidenceEntity,
  FrameworkVersionEntity,
} from '@cx/api-assessment';
import { OidcLoginAttemptEntity, OrganizationEntity, RoleAssignmentEntity, SessionEntity, UserEntity } from '@cx/api-identity';

/** Every entity of every domain: the one list shared by the app, the tests and the migration tools. */
export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  RoleAssignmentEntity,
  SessionEntity,
  OidcLoginAttemptEntity,
  AuditEventEntity,
  AuditSealEntity,
  AuditEventSealEntity,
  FrameworkVersionEntity,
  CycleEntity,
  AssessmentEntity,
  CriterionResponseEntity,
  DomainTargetEntity,
  EvidenceEntity,
  AssessmentPresenceEntity,
];
