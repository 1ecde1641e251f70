import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { OrganizationKind, Role } from '@cx/shared-domain';
import { GRAPHQL_FETCH } from '@cx/web-shared-data-access-graphql';
import { SessionStore, safeReturnUrl } from './session-store';
import { buildViewer } from './test-viewer';

type Handler = (variables: Record<string, unknown>, headers: Record<string, string>) => unknown;

function fakeApi(handlers: Record<string, Handler>): jest.Mock {
  return jest.fn(async (_url: string, init: RequestInit) => {
    const { query, variables } = JSON.parse(String(init.body)) as { query: string; variables: Record<string, unknown> };
    const name = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '';
    const body = handlers[name]?.(variables, init.headers as Record<string, string>) ?? { errors: [{ message: `no handler for ${name}` }] };
    return { status: 200, json: async () => body } as Response;
  });
}

describe(SessionStore.name, () => {
  let sut: SessionStore;
  let router: Router;

  function setup(handlers: Record<string, Handler>): jest.Mock {
    const fetchMock = fakeApi(handlers);
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: GRAPHQL_FETCH, useValue: fetchMock }] });
    sut = TestBed.inject(SessionStore);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
    return fetchMock;
  }

  afterEach(() => jest.useRealTimers());

  it('should be signed out when the API has no viewer', async () => {
    setup({ Viewer: () => ({ data: { viewer: null } }) });

    await expect(sut.ensureSignedIn()).resolves.toBe(false);
    expect(sut.user()).toBeNull();
    expect(sut.idleDeadline()).toBeNull();
  });

  it('should describe the primary role in plain words when a CX lead is signed in', async () => {
    setup({ Viewer: () => ({ data: { viewer: buildViewer() } }) });

    await sut.load();

    expect(sut.isSignedIn()).toBe(true);
    expect(sut.primaryRoleLabel()).toBe('Agency CX lead · Veterans Health Administration');
    expect(sut.hasRole(Role.AGENCY_CX_LEAD)).toBe(true);
    expect(sut.hasRole(Role.OMB_ADMIN)).toBe(false);
  });

  it('should pick the broadest role as primary when the person holds several roles', async () => {
    const org = (id: string, name: string) => ({
      id,
      name,
      abbreviation: id,
      kind: OrganizationKind.DEPARTMENT,
      parentId: null,
      isHisp: false,
    });
    const viewer = buildViewer({}, [
      { role: Role.AGENCY_EXECUTIVE, organization: org('treas', 'Department of the Treasury') },
      { role: Role.AGENCY_CX_LEAD, organization: org('irs', 'Internal Revenue Service') },
    ]);
    setup({ Viewer: () => ({ data: { viewer } }) });

    await sut.load();

    expect(sut.primaryRoleLabel()).toBe('Agency CX lead · Internal Revenue Service');
    expect(sut.roles()).toEqual([Role.AGENCY_CX_LEAD, Role.AGENCY_EXECUTIVE]);
  });

  it('should send the csrf token from the viewer when signing out', async () => {
    const signOut = jest.fn((_v: Record<string, unknown>, headers: Record<string, string>) => {
      expect(headers['x-csrf-token']).toBe('csrf-from-sign-in');
      return { data: { signOut: true } };
    });
    setup({
      SignInDemo: (variables) => {
        expect(variables).toEqual({ userId: 'u-alicia' });
        return { data: { signInDemo: buildViewer({ csrfToken: 'csrf-from-sign-in' }) } };
      },
      SignOut: signOut,
    });

    await sut.signInDemo('u-alicia');
    await sut.signOut();

    expect(signOut).toHaveBeenCalledTimes(1);
    expect(sut.isSignedIn()).toBe(false);
    expect(sut.notice()).toBe('You signed out.');
    expect(router.navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: {} });
  });

  it('should end the session and ask the person to sign in again when any call answers UNAUTHENTICATED', async () => {
    setup({
      Viewer: () => ({ data: { viewer: buildViewer() } }),
      ExtendSession: () => ({ data: null, errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] }),
    });
    await sut.load();
    jest.spyOn(router, 'url', 'get').mockReturnValue('/audit?page=2');

    await expect(sut.extendSession()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    expect(sut.isSignedIn()).toBe(false);
    expect(sut.notice()).toBe('Your session ended. Sign in again.');
    expect(router.navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { returnUrl: '/audit?page=2' } });
  });

  it('should push the idle deadline back when an authenticated request succeeds', async () => {
    jest.useFakeTimers({ now: new Date('2027-01-01T12:00:00Z') });
    setup({ Viewer: () => ({ data: { viewer: buildViewer() } }), ExtendSession: () => ({ data: { extendSession: buildViewer() } }) });
    await sut.load();
    const first = sut.idleDeadline();
    expect(first).toBe(Date.parse('2027-01-01T12:15:00Z'));

    jest.setSystemTime(new Date('2027-01-01T12:05:00Z'));
    await sut.extendSession();

    expect(sut.idleDeadline()).toBe(Date.parse('2027-01-01T12:20:00Z'));
  });

  it('should only accept in-app return URLs when redirecting after sign-in', () => {
    expect(safeReturnUrl('/audit')).toBe('/audit');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('/sign-in?returnUrl=/x')).toBe('/');
    expect(safeReturnUrl(undefined)).toBe('/');
  });
});
