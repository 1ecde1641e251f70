export enum OrganizationKind {
  OMB = 'OMB',
  DEPARTMENT = 'DEPARTMENT',
  BUREAU = 'BUREAU',
}
