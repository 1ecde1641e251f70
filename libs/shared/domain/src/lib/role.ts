/** Roles a user can hold. Agency roles are scoped to an organization (and its bureaus); OMB roles see every agency. */
export enum Role {
  AGENCY_CONTRIBUTOR = 'AGENCY_CONTRIBUTOR',
  AGENCY_CX_LEAD = 'AGENCY_CX_LEAD',
  AGENCY_EXECUTIVE = 'AGENCY_EXECUTIVE',
  OMB_REVIEWER = 'OMB_REVIEWER',
  OMB_ADMIN = 'OMB_ADMIN',
  OMB_EXECUTIVE = 'OMB_EXECUTIVE',
}

export const OMB_ROLES: readonly Role[] = [Role.OMB_REVIEWER, Role.OMB_ADMIN, Role.OMB_EXECUTIVE];
export const AGENCY_ROLES: readonly Role[] = [Role.AGENCY_CONTRIBUTOR, Role.AGENCY_CX_LEAD, Role.AGENCY_EXECUTIVE];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  [Role.AGENCY_CONTRIBUTOR]: 'Agency contributor',
  [Role.AGENCY_CX_LEAD]: 'Agency CX lead',
  [Role.AGENCY_EXECUTIVE]: 'Agency executive',
  [Role.OMB_REVIEWER]: 'OMB reviewer',
  [Role.OMB_ADMIN]: 'OMB administrator',
  [Role.OMB_EXECUTIVE]: 'OMB executive',
};

export function isOmbRole(role: Role): boolean {
  return OMB_ROLES.includes(role);
}
