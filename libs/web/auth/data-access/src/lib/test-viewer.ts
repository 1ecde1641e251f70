import { OrganizationKind, Role } from '@cx/shared-domain';
import type { Viewer } from './session-store';

/** Test builder for a viewer; not exported from the library. */
export function buildViewer(overrides: Partial<Viewer> = {}, roles: Viewer['user']['roles'] = []): Viewer {
  return {
    csrfToken: 'csrf-1',
    idleTimeoutSeconds: 900,
    idleExpiresAt: '2027-01-01T12:15:00.000Z',
    absoluteExpiresAt: '2027-01-01T20:00:00.000Z',
    user: {
      id: 'u-alicia',
      displayName: 'Alicia Gomez',
      email: 'alicia.gomez@example.gov',
      roles:
        roles.length > 0
          ? roles
          : [
              {
                role: Role.AGENCY_CX_LEAD,
                organization: {
                  id: 'org-vha',
                  name: 'Veterans Health Administration',
                  abbreviation: 'VHA',
                  kind: OrganizationKind.BUREAU,
                  parentId: 'org-va',
                  isHisp: true,
                },
              },
            ],
    },
    ...overrides,
  };
}
