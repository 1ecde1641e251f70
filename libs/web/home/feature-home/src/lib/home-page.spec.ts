import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { OrganizationKind, Role } from '@cx/shared-domain';
import { SessionStore, type Viewer } from '@cx/web-auth-data-access';
import { GRAPHQL_FETCH } from '@cx/web-shared-data-access-graphql';
import type { Organization } from './home-store';
import { HomePage } from './home-page';

const org = (id: string, name: string, parentId: string | null, isHisp: boolean): Organization => ({
  id,
  name,
  abbreviation: id.toUpperCase(),
  kind: parentId ? OrganizationKind.BUREAU : OrganizationKind.DEPARTMENT,
  parentId,
  isHisp,
  description: null,
  websiteUrl: null,
  version: 1,
  updatedAt: '2026-10-01T00:00:00Z',
});

const ORGANIZATIONS = [
  org('va', 'Department of Veterans Affairs', null, false),
  org('vha', 'Veterans Health Administration', 'va', true),
  org('vba', 'Veterans Benefits Administration', 'va', true),
  org('ssa', 'Social Security Administration', null, true),
];

const CYCLE = {
  id: 'c27',
  fiscalYear: 2027,
  name: 'FY 2027',
  status: 'OPEN',
  assessmentDueOn: '2027-01-29',
  draftPlanDueOn: '2027-04-30',
  finalPlanDueOn: '2027-09-17',
};

function viewerWith(...roles: [Role, Organization][]): Viewer {
  return {
    csrfToken: 'c',
    idleTimeoutSeconds: 900,
    idleExpiresAt: '2027-01-01T12:15:00Z',
    absoluteExpiresAt: '2027-01-01T20:00:00Z',
    user: {
      id: 'u1',
      displayName: 'Jordan Patel',
      email: 'j@example.gov',
      roles: roles.map(([role, o]) => ({
        role,
        organization: { id: o.id, name: o.name, abbreviation: o.abbreviation, kind: o.kind, parentId: o.parentId, isHisp: o.isHisp },
      })),
    },
  };
}

describe(HomePage.name, () => {
  async function render(viewer: Viewer): Promise<HTMLElement> {
    const fetchMock = jest.fn(async (_url: string, init: RequestInit) => {
      const { query } = JSON.parse(String(init.body)) as { query: string };
      const data = query.includes('query HomeData') ? { currentCycle: CYCLE, organizations: ORGANIZATIONS } : { viewer };
      return { status: 200, json: async () => ({ data }) } as Response;
    });
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: GRAPHQL_FETCH, useValue: fetchMock }] });
    await TestBed.inject(SessionStore).load();
    const fixture = TestBed.createComponent(HomePage);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const sectionIds = (root: HTMLElement) => [...root.querySelectorAll('section[data-testid]')].map((s) => s.getAttribute('data-testid'));

  it('should show the HISP profile and cycle deadlines when the person is a CX lead', async () => {
    const root = await render(viewerWith([Role.AGENCY_CX_LEAD, ORGANIZATIONS[1]]));

    expect(sectionIds(root)).toEqual(['cycle-deadlines', 'cx-lead-section']);
    expect(root.querySelector('h1')?.textContent).toContain('Welcome, Jordan');
    expect(root.querySelector('[data-testid="organization-profile"] h3')?.textContent).toContain('Veterans Health Administration');
    expect(root.textContent).toContain('Capacity assessment due');
    expect(root.textContent).toContain('January 29, 2027');
    expect(root.textContent).not.toContain('opens in a later release');
  });

  it('should link a contributor to their assignments', async () => {
    const root = await render(viewerWith([Role.AGENCY_CONTRIBUTOR, ORGANIZATIONS[1]]));

    expect(sectionIds(root)).toEqual(['cycle-deadlines', 'contributor-section']);
    expect(root.querySelector('[data-testid="my-assignments-link"]')?.getAttribute('href')).toBe('/my-assignments');
  });

  it('should list the department and its bureaus when the person is an agency executive', async () => {
    const root = await render(viewerWith([Role.AGENCY_EXECUTIVE, ORGANIZATIONS[0]]));

    const rows = [...root.querySelectorAll('[data-testid="executive-section"] tbody th')].map((th) => th.textContent?.trim());
    expect(rows).toEqual([
      'Department of Veterans Affairs (VA)',
      'Veterans Benefits Administration (VBA)',
      'Veterans Health Administration (VHA)',
    ]);
  });

  it('should list every HISP and link to the audit log when the person is an OMB administrator', async () => {
    const omb = org('omb', 'Office of Management and Budget', null, false);
    const root = await render(viewerWith([Role.OMB_ADMIN, omb]));

    const rows = [...root.querySelectorAll('[data-testid="omb-section"] tbody tr')].map((tr) =>
      tr.querySelector('td')?.textContent?.trim(),
    );
    expect(rows).toEqual(['Social Security Administration', 'Department of Veterans Affairs', 'Department of Veterans Affairs']);
    expect(root.querySelector('[data-testid="audit-log-link"]')).not.toBeNull();
  });

  it('should not link to the audit log when the person is an OMB reviewer', async () => {
    const omb = org('omb', 'Office of Management and Budget', null, false);
    const root = await render(viewerWith([Role.OMB_REVIEWER, omb]));

    expect(sectionIds(root)).toEqual(['cycle-deadlines', 'omb-section']);
    expect(root.querySelector('[data-testid="audit-log-link"]')).toBeNull();
  });

  it('should show each role’s section when the person holds several roles', async () => {
    const root = await render(viewerWith([Role.AGENCY_EXECUTIVE, ORGANIZATIONS[0]], [Role.AGENCY_CX_LEAD, ORGANIZATIONS[1]]));

    expect(sectionIds(root)).toEqual(['cycle-deadlines', 'cx-lead-section', 'executive-section']);
  });
});
