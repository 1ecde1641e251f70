import { isOmbRole, Role } from '@cx/shared-domain';

export interface ActorRole {
  role: Role;
  organizationId: string;
  organizationAbbreviation: string;
  /** The assigned organization and every organization under it. */
  coveredOrganizationIds: readonly string[];
}

/** Who is calling, resolved from the session on every request. */
export interface Actor {
  userId: string;
  sessionId: string;
  displayName: string;
  email: string;
  roles: readonly ActorRole[];
}

export const ALL_ORGANIZATIONS = 'ALL' as const;
export type OrganizationScope = ReadonlySet<string> | typeof ALL_ORGANIZATIONS;

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r.role));
}

/**
 * The organizations the actor may act on through any of `roles`: every
 * organization for an OMB role, otherwise the assigned ones and their bureaus.
 */
export function organizationScope(actor: Actor, roles: readonly Role[]): OrganizationScope {
  const held = actor.roles.filter((r) => roles.includes(r.role));
  if (held.some((r) => isOmbRole(r.role))) return ALL_ORGANIZATIONS;
  return new Set(held.flatMap((r) => r.coveredOrganizationIds));
}

export function inScope(scope: OrganizationScope, organizationId: string | null | undefined): boolean {
  if (scope === ALL_ORGANIZATIONS) return true;
  return organizationId != null && scope.has(organizationId);
}

/** "ROLE@ABBR" labels stored with audit events. */
export function actorRoleLabels(actor: Actor): string[] {
  return actor.roles.map((r) => `${r.role}@${r.organizationAbbreviation}`);
}
