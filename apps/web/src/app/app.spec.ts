import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { OrganizationKind, Role } from '@cx/shared-domain';
import { SessionStore } from '@cx/web-auth-data-access';
import { GRAPHQL_FETCH } from '@cx/web-shared-data-access-graphql';
import { App } from './app';

function viewer(role: Role, organizationName: string) {
  return {
    csrfToken: 'c',
    idleTimeoutSeconds: 900,
    idleExpiresAt: '2027-01-01T12:15:00Z',
    absoluteExpiresAt: '2027-01-01T20:00:00Z',
    user: {
      id: 'u1',
      displayName: 'Ben Carter',
      email: 'b@example.gov',
      roles: [
        {
          role,
          organization: { id: 'o', name: organizationName, abbreviation: 'O', kind: OrganizationKind.BUREAU, parentId: null, isHisp: true },
        },
      ],
    },
  };
}

describe(App.name, () => {
  async function render(data: unknown): Promise<HTMLElement> {
    const fetchMock = jest.fn(async () => ({ status: 200, json: async () => ({ data }) }) as Response);
    TestBed.configureTestingModule({ imports: [App], providers: [provideRouter([]), { provide: GRAPHQL_FETCH, useValue: fetchMock }] });
    await TestBed.inject(SessionStore).load();
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const navLabels = (root: HTMLElement) => [...root.querySelectorAll('.usa-nav__primary a')].map((a) => a.textContent?.trim());

  it('should render the banner, skip link, main landmark and footer when nobody is signed in', async () => {
    const root = await render({ viewer: null });

    expect(root.querySelector('.usa-skipnav')?.getAttribute('href')).toBe('#main-content');
    expect(root.querySelector('.usa-banner')).not.toBeNull();
    expect(root.querySelector('main#main-content')).not.toBeNull();
    expect(root.querySelector('.usa-identifier')).not.toBeNull();
    expect(root.querySelector('[data-testid="header-user"]')).toBeNull();
  });

  it('should show the name, plain-words role and the assessment links when a contributor is signed in', async () => {
    const root = await render({ viewer: viewer(Role.AGENCY_CONTRIBUTOR, 'Veterans Health Administration') });

    expect(root.querySelector('[data-testid="header-user-name"]')?.textContent).toBe('Ben Carter');
    expect(root.querySelector('[data-testid="header-user-role"]')?.textContent).toBe('Agency contributor · Veterans Health Administration');
    expect(navLabels(root)).toEqual(['Home', 'Assessment', 'My assignments']);
  });

  it('should add the audit log and administration to the navigation when an OMB administrator is signed in', async () => {
    const root = await render({ viewer: viewer(Role.OMB_ADMIN, 'Office of Management and Budget') });

    expect(navLabels(root)).toEqual(['Home', 'Assessments', 'Audit log', 'Administration']);
  });
});
