import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { ENGINES, startTestApp, type TestApp } from './support/test-app';

describe.each(ENGINES)('API hygiene in production mode on %s', (engine) => {
  let t: TestApp;
  let s: GraphQLSession;
  beforeAll(async () => {
    t = await startTestApp(engine, { NODE_ENV: 'production', DEMO_SIGN_IN: 'true', COOKIE_SECURE: 'false' });
    s = new GraphQLSession(t.baseUrl);
    await s.signInAs(USERS.ombAdmin);
  });
  afterAll(() => t.close());

  it('should refuse introspection', async () => {
    const res = await s.request('{ __schema { types { name } } }');
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(res.data ?? null).toBeNull();
  });

  it('should not suggest field names when a query has a typo', async () => {
    const res = await s.request('{ organizationz { id } }');
    expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean/);
  });

  it('should say what is wrong with a malformed request, with a 400 rather than an internal error', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['{ viewer { ', {}, 'GRAPHQL_PARSE_FAILED'],
      ['{ organizationz { id } }', {}, 'GRAPHQL_VALIDATION_FAILED'],
      ['query($id: ID!) { cycles { id } }', { id: 'x' }, 'GRAPHQL_VALIDATION_FAILED'],
      ['query($id: ID!) { assessment(id: $id) { id } }', {}, 'BAD_USER_INPUT'],
      ['query($id: ID!) { assessment(id: $id) { id } }', { id: { not: 'an id' } }, 'BAD_USER_INPUT'],
    ];
    for (const [query, variables, code] of cases) {
      const res = await s.request(query, variables);
      expect({ query, status: res.status, codes: codes(res) }).toEqual({ query, status: 400, codes: [code] });
      expect(res.errors?.[0]?.message).not.toMatch(/Something went wrong/);
    }
  });

  it('should refuse batched array requests', async () => {
    const res = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie ?? '' },
      body: JSON.stringify([{ query: '{ cycles { id } }' }, { query: '{ cycles { id } }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('should refuse queries over the alias limit before running them', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: cycles { id }`).join(' ');
    const res = await s.request(`{ ${aliases} }`);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['BAD_REQUEST']);
  });

  it('should hide internals and give a reference when something unexpected fails', async () => {
    await t.dataSource.query('ALTER TABLE cycle RENAME TO cycle_hidden');
    try {
      const res = await s.request('{ cycles { id } }');
      expect(codes(res)).toEqual(['INTERNAL_SERVER_ERROR']);
      const text = JSON.stringify(res.errors);
      expect(text).not.toMatch(/cycle_hidden|relation|stack|QueryFailedError|at /);
      expect(res.errors?.[0]?.message).toMatch(/Something went wrong on our side/);
    } finally {
      await t.dataSource.query('ALTER TABLE cycle_hidden RENAME TO cycle');
    }
  });

  it('should send security headers with a CSP the web app satisfies', async () => {
    const res = await fetch(`${t.baseUrl}/health/live`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('should report ready while the database answers', async () => {
    const res = await fetch(`${t.baseUrl}/health/ready`);
    expect(res.status).toBe(200);
  });
});

describe('readiness when the embedded database is gone', () => {
  const run = ENGINES.includes('pglite') ? it : it.skip;
  run('should answer 503 on /health/ready and keep the process alive', async () => {
    const t: TestApp = await startTestApp('pglite');
    try {
      await t.created.database.embedded?.db.close();
      const res = await fetch(`${t.baseUrl}/health/ready`);
      expect(res.status).toBe(503);
      expect((await fetch(`${t.baseUrl}/health/live`)).status).toBe(200);
    } finally {
      await t.app.close().catch(() => undefined);
    }
  });
});
