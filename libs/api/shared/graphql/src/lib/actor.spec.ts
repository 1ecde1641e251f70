import { Role } from '@cx/shared-domain';

import { type Actor, ALL_ORGANIZATIONS, inScope, organizationScope } from './actor';

const actor = (roles: Actor['roles']): Actor => ({ userId: 'u', sessionId: 's', displayName: 'X', email: 'x@example.gov', roles });

describe(organizationScope.name, () => {
  it('should cover every organization when the actor holds an OMB role', () => {
    const sut = organizationScope(
      actor([{ role: Role.OMB_REVIEWER, organizationId: 'omb', organizationAbbreviation: 'OMB', coveredOrganizationIds: ['omb'] }]),
      [Role.OMB_REVIEWER],
    );
    expect(sut).toBe(ALL_ORGANIZATIONS);
    expect(inScope(sut, 'anything')).toBe(true);
  });

  it('should cover only the organizations of the roles asked for when the actor holds several roles', () => {
    const a = actor([
      { role: Role.AGENCY_CX_LEAD, organizationId: 'irs', organizationAbbreviation: 'IRS', coveredOrganizationIds: ['irs'] },
      {
        role: Role.AGENCY_EXECUTIVE,
        organizationId: 'treas',
        organizationAbbreviation: 'TREAS',
        coveredOrganizationIds: ['treas', 'irs', 'mint'],
      },
    ]);
    const write = organizationScope(a, [Role.AGENCY_CX_LEAD]);
    const read = organizationScope(a, [Role.AGENCY_CX_LEAD, Role.AGENCY_EXECUTIVE]);
    expect(inScope(write, 'irs')).toBe(true);
    expect(inScope(write, 'mint')).toBe(false);
    expect(inScope(read, 'mint')).toBe(true);
  });

  it('should cover nothing when the actor holds none of the roles', () => {
    const sut = organizationScope(
      actor([{ role: Role.AGENCY_CONTRIBUTOR, organizationId: 'vha', organizationAbbreviation: 'VHA', coveredOrganizationIds: ['vha'] }]),
      [Role.OMB_ADMIN],
    );
    expect(inScope(sut, 'vha')).toBe(false);
    expect(inScope(sut, null)).toBe(false);
  });
});
