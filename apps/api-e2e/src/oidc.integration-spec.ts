import { GraphQLSession } from './support/graphql-session';
import { type FakeOidcProvider, startFakeOidcProvider } from './support/fake-oidc-provider';
import { startTestApp, type TestApp } from './support/test-app';

/** Follows one redirect by hand, as a browser would, carrying no cookies across hosts. */
async function get(url: string, cookie?: string): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

describe('OpenID Connect sign-in (Login.gov profile) on pglite', () => {
  let idp: FakeOidcProvider;
  let t: TestApp;
  beforeAll(async () => {
    idp = await startFakeOidcProvider();
    t = await startTestApp('pglite', {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_PRIVATE_KEY_JWK: idp.clientPrivateJwk,
      // Only names the callback address sent to the provider; the test follows the redirect to the real port itself.
      PUBLIC_URL: 'http://127.0.0.1:9',
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  async function signInWithOidc(returnTo = '/audit'): Promise<{ location: string | null; cookie?: string }> {
    const start = await get(`${t.baseUrl}/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`);
    expect(start.status).toBe(303);
    const authorize = await get(start.headers.get('location') ?? '');
    expect(authorize.status).toBe(302);
    const callback = new URL(authorize.headers.get('location') ?? '');
    const done = await get(`${t.baseUrl}${callback.pathname}${callback.search}`);
    const setCookie = done.headers.get('set-cookie') ?? undefined;
    return { location: done.headers.get('location'), cookie: setCookie?.split(';')[0] };
  }

  it('should advertise the provider on the sign-in page options', async () => {
    const res = await new GraphQLSession(t.baseUrl).request<{ authOptions: unknown }>(
      '{ authOptions { oidcEnabled oidcProviderName oidcLoginPath } }',
    );
    expect(res.data?.authOptions).toEqual({ oidcEnabled: true, oidcProviderName: 'Login.gov', oidcLoginPath: '/auth/oidc/login' });
  });

  it('should sign in a provisioned user, link the subject, ask for AAL2 and return to the page they wanted', async () => {
    await t.dataSource.query(`INSERT INTO app_user (email, display_name, is_demo) VALUES ('someone@agency.example', 'Sam Someone', false)`);
    await t.dataSource.query(
      `INSERT INTO role_assignment (user_id, role, organization_id) SELECT u.id, 'AGENCY_CONTRIBUTOR', o.id FROM app_user u, organization o WHERE u.email = 'someone@agency.example' AND o.abbreviation = 'FSA'`,
    );
    const { location, cookie } = await signInWithOidc('/audit');
    expect(location).toBe('/audit');
    expect(idp.lastAuthorize?.get('acr_values')).toBe('http://idmanagement.gov/ns/assurance/aal/2');
    expect(idp.lastAuthorize?.get('code_challenge_method')).toBe('S256');
    const s = new GraphQLSession(t.baseUrl);
    s.cookie = cookie;
    const me = await s.request<{ viewer: { user: { displayName: string } } }>('{ viewer { user { displayName } } }');
    expect(me.data?.viewer.user.displayName).toBe('Sam Someone');
    const [linked]: Array<{ oidc_subject: string }> = await t.dataSource.query(
      `SELECT oidc_subject FROM app_user WHERE email = 'someone@agency.example'`,
    );
    expect(linked?.oidc_subject).toBe('login-gov-subject-1');
  });

  it('should refuse an identity that matches no provisioned account and audit it', async () => {
    idp.user = { sub: 'stranger', email: 'stranger@elsewhere.example' };
    const { location, cookie } = await signInWithOidc();
    expect(cookie).toBeUndefined();
    expect(decodeURIComponent(location ?? '')).toMatch(/^\/sign-in\?error=You do not have an account here yet/);
    const rows: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM audit_event WHERE action = 'auth.sign_in' AND outcome = 'DENIED' AND subject_id = 'stranger'`,
    );
    expect(rows).toHaveLength(1);
  });

  it('should refuse a replayed callback (state used once)', async () => {
    idp.user = { sub: 'login-gov-subject-1', email: 'someone@agency.example' };
    const start = await get(`${t.baseUrl}/auth/oidc/login`);
    const authorize = await get(start.headers.get('location') ?? '');
    const callback = new URL(authorize.headers.get('location') ?? '');
    const first = await get(`${t.baseUrl}${callback.pathname}${callback.search}`);
    expect(first.headers.get('set-cookie')).toBeTruthy();
    const replay = await get(`${t.baseUrl}${callback.pathname}${callback.search}`);
    expect(replay.headers.get('set-cookie')).toBeNull();
    expect(decodeURIComponent(replay.headers.get('location') ?? '')).toMatch(/took too long or was already used/);
  });
});
