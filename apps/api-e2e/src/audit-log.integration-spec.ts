import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { ENGINES, startTestApp, type TestApp } from './support/test-app';

describe.each(ENGINES)('audit trail on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it.each([
    ['UPDATE', `UPDATE audit_event SET message = 'tampered'`],
    ['DELETE', `DELETE FROM audit_event`],
    // CASCADE: a plain TRUNCATE stops earlier, at the seals' foreign key; this one reaches the trigger.
    ['TRUNCATE', `TRUNCATE audit_event CASCADE`],
  ])('should refuse %s on the audit table', async (_op, sql) => {
    await expect(t.dataSource.query(sql)).rejects.toThrow(/append-only/);
    const rows: unknown[] = await t.dataSource.query('SELECT 1 FROM audit_event');
    expect(rows.length).toBeGreaterThan(0);
  });

  it('should record who, what, when, where and outcome for sign-in, a change and sign-out', async () => {
    const s = new GraphQLSession(t.baseUrl);
    const { userId } = await s.signInAs(USERS.vhaLead);
    await s.request('mutation { signOut }');
    const rows: Array<{ action: string; outcome: string; client_ip: string | null; request_id: string | null; occurred_at: Date }> =
      await t.dataSource.query(
        `SELECT action, outcome, client_ip, request_id, occurred_at FROM audit_event WHERE actor_user_id = $1 ORDER BY occurred_at`,
        [userId],
      );
    expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual(['auth.sign_in:SUCCESS', 'auth.sign_out:SUCCESS']);
    for (const r of rows) {
      expect(r.client_ip).toMatch(/127\.0\.0\.1/);
      expect(r.request_id).toBeTruthy();
      expect(new Date(r.occurred_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    }
  });

  it('should page newest first with a cursor and filter by outcome', async () => {
    const admin = new GraphQLSession(t.baseUrl);
    await admin.signInAs(USERS.ombAdmin);
    type Page = { auditEvents: { items: Array<{ id: string; occurredAt: string }>; nextCursor: string | null; totalCount: number } };
    const q = 'query($after: String) { auditEvents(first: 2, after: $after) { items { id occurredAt } nextCursor totalCount } }';
    const first = await admin.request<Page>(q);
    const second = await admin.request<Page>(q, { after: first.data?.auditEvents.nextCursor });
    const a = first.data?.auditEvents.items ?? [];
    const b = second.data?.auditEvents.items ?? [];
    expect(a).toHaveLength(2);
    expect(b.length).toBeGreaterThan(0);
    expect(new Set([...a, ...b].map((i) => i.id)).size).toBe(a.length + b.length);
    expect(new Date(a[1]?.occurredAt ?? 0).getTime()).toBeGreaterThanOrEqual(new Date(b[0]?.occurredAt ?? 0).getTime());
    const denied = await admin.request<Page>('{ auditEvents(filter: { outcome: DENIED }) { totalCount } }');
    const [row]: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'DENIED'`);
    expect(denied.data?.auditEvents.totalCount).toBe(row?.n);
  });

  it('should name the argument that is wrong, as the client sent it', async () => {
    const admin = new GraphQLSession(t.baseUrl);
    await admin.signInAs(USERS.ombAdmin);
    const res = await admin.request('{ auditEvents(first: 500, filter: { actorUserId: "someone" }) { totalCount } }');
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.extensions?.fieldErrors).toEqual([
      { path: 'filter.actorUserId', message: 'Choose a person from the list.' },
      { path: 'first', message: 'Ask for at most 200 events at a time.' },
    ]);
  });
});
