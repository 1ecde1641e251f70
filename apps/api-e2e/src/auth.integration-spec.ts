import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { createTestDatabase, ENGINES, startTestApp, type TestApp } from './support/test-app';

const VIEWER = '{ viewer { user { displayName roles { role organization { abbreviation } } } idleTimeoutSeconds } }';

describe.each(ENGINES)('sign-in and sessions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('should set an httpOnly SameSite session cookie and return the user with roles when a demo user signs in', async () => {
    const s = new GraphQLSession(t.baseUrl);
    await s.signInAs(USERS.irsLeadTreasExec);
    expect(s.rawSetCookie).toMatch(/HttpOnly/i);
    expect(s.rawSetCookie).toMatch(/SameSite=Lax/i);
    // Max-Age in seconds: the absolute session timeout (43200 s), as the session itself ends.
    expect(s.rawSetCookie).toMatch(/Max-Age=43200(;|$)/);
    expect(s.rawSetCookie).toMatch(/Path=\/(;|$)/);
    const res = await s.request<{
      viewer: { user: { displayName: string; roles: Array<{ role: string; organization: { abbreviation: string } }> } };
    }>(VIEWER);
    expect(res.data?.viewer.user.displayName).toBe('Jordan Patel');
    expect(res.data?.viewer.user.roles.map((r) => `${r.role}@${r.organization.abbreviation}`).sort()).toEqual([
      'AGENCY_CX_LEAD@IRS',
      'AGENCY_EXECUTIVE@TREAS',
    ]);
  });

  it('should set and clear the __Host- session cookie with Secure when cookies are secure', async () => {
    const secure = await startTestApp(engine, { COOKIE_SECURE: 'true' });
    try {
      const s = new GraphQLSession(secure.baseUrl);
      await s.signInAs(USERS.vhaLead);
      expect(s.rawSetCookie).toMatch(/^__Host-cx_session=[^;]+;/);
      expect(s.rawSetCookie).toMatch(/; Secure/i);
      await s.request('mutation { signOut }');
      expect(s.rawSetCookie).toMatch(/^__Host-cx_session=;/);
      expect(s.rawSetCookie).toMatch(/; Secure/i);
    } finally {
      await secure.close();
    }
  });

  it('should return a null viewer and refuse protected queries when no one is signed in', async () => {
    const s = new GraphQLSession(t.baseUrl);
    expect((await s.request(VIEWER)).data).toEqual({ viewer: null });
    expect(codes(await s.request('{ organizations { id } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('should end the session everywhere when the user signs out', async () => {
    const s = new GraphQLSession(t.baseUrl);
    await s.signInAs(USERS.vhaLead);
    const stolen = s.cookie;
    expect((await s.request('mutation { signOut }')).data).toEqual({ signOut: true });
    // Cleared with the attributes it was set with (a browser ignores a __Host- cookie's removal without them).
    expect(s.cookie).toBeUndefined();
    expect(s.rawSetCookie).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(s.rawSetCookie).toMatch(/HttpOnly/i);
    expect(s.rawSetCookie).toMatch(/SameSite=Lax/i);
    const replay = new GraphQLSession(t.baseUrl);
    replay.cookie = stolen;
    expect(codes(await replay.request('{ organizations { id } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('should refuse the session when it has been idle past the timeout', async () => {
    const s = new GraphQLSession(t.baseUrl);
    const { userId } = await s.signInAs(USERS.femaLead);
    await t.dataSource.query(`UPDATE user_session SET idle_expires_at = now() - interval '1 second' WHERE user_id = $1`, [userId]);
    expect(codes(await s.request('{ organizations { id } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('should refuse a mutation and audit the attempt when the CSRF token is missing', async () => {
    const s = new GraphQLSession(t.baseUrl);
    const { userId } = await s.signInAs(USERS.ombAdmin);
    const res = await s.request('mutation { extendSession { csrfToken } }', undefined, { 'x-csrf-token': 'wrong' });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    const audit: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM audit_event WHERE actor_user_id = $1 AND outcome = 'DENIED' AND message LIKE '%CSRF%'`,
      [userId],
    );
    expect(audit).toHaveLength(1);
  });

  it('should refuse a cross-site style request that Apollo CSRF prevention blocks', async () => {
    const res = await fetch(`${t.baseUrl}/graphql?query=${encodeURIComponent('{ authOptions { demoSignInEnabled } }')}`, { method: 'GET' });
    expect(res.status).toBe(400);
  });

  it('should write a FAILURE audit event when someone signs in as an unknown user', async () => {
    const s = new GraphQLSession(t.baseUrl);
    const res = await s.request('mutation { signInDemo(input: { userId: "00000000-0000-4000-8000-000000000000" }) { csrfToken } }');
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const rows: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM audit_event WHERE action = 'auth.sign_in' AND outcome = 'FAILURE' AND subject_id = '00000000-0000-4000-8000-000000000000'`,
    );
    expect(rows).toHaveLength(1);
  });
});

describe.each(ENGINES)('sign-in limits on %s', (engine) => {
  it('should answer TOO_MANY_REQUESTS when one address signs in too often in a minute', async () => {
    const t = await startTestApp(engine, { SIGN_IN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const s = new GraphQLSession(t.baseUrl);
      for (let i = 0; i < 3; i++) await s.signInAs(USERS.ombReviewer);
      await expect(s.signInAs(USERS.ombReviewer)).rejects.toThrow(/TOO_MANY_REQUESTS/);
    } finally {
      await t.close();
    }
  });

  it('should refuse demo sign-in when running in production without DEMO_SIGN_IN', async () => {
    const t = await startTestApp(engine, { NODE_ENV: 'production', COOKIE_SECURE: 'false' });
    try {
      const s = new GraphQLSession(t.baseUrl);
      const opts = await s.request<{ authOptions: { demoSignInEnabled: boolean } }>(
        '{ authOptions { demoSignInEnabled } demoUsers { id } }',
      );
      expect(opts.data).toEqual({ authOptions: { demoSignInEnabled: false }, demoUsers: [] });
      const [user]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM app_user WHERE is_demo LIMIT 1`);
      const res = await s.request('mutation($id: ID!) { signInDemo(input: { userId: $id }) { csrfToken } }', { id: user?.id });
      expect(codes(res)).toEqual(['FORBIDDEN']);
    } finally {
      await t.close();
    }
  });
});

describe('sessions across API replicas on postgres', () => {
  const run = ENGINES.includes('postgres') ? it : it.skip;
  run('should accept a session created by one API process in another one', async () => {
    const db = await createTestDatabase('postgres');
    const a = await startTestApp('postgres', {}, db);
    const b = await startTestApp('postgres', { SEED_ON_START: 'never' }, db);
    try {
      const s = new GraphQLSession(a.baseUrl);
      await s.signInAs(USERS.vhaLead);
      const other = new GraphQLSession(b.baseUrl);
      other.cookie = s.cookie;
      other.csrfToken = s.csrfToken;
      const res = await other.request<{ viewer: { user: { displayName: string } } }>(VIEWER);
      expect(res.data?.viewer.user.displayName).toBe('Alicia Gomez');
      expect((await other.request('mutation { extendSession { csrfToken } }')).errors).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });
});
