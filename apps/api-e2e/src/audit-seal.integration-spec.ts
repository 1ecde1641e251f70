import { AuditSealService } from '@cx/api-audit';

import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { ENGINES, startTestApp, type TestApp } from './support/test-app';

const INTEGRITY = '{ auditIntegrity { ok sealCount sealedEventCount unsealedEventCount oldestUnsealedAt lastSealedAt problems } }';
type Integrity = {
  auditIntegrity: {
    ok: boolean;
    sealCount: number;
    sealedEventCount: number;
    unsealedEventCount: number;
    oldestUnsealedAt: string | null;
    lastSealedAt: string | null;
    problems: string[];
  };
};

describe.each(ENGINES)('audit trail hash chain on %s', (engine) => {
  let t: TestApp;
  let admin: GraphQLSession;
  let seals: AuditSealService;
  const integrity = async () => (await admin.request<Integrity>(INTEGRITY)).data?.auditIntegrity;
  const eventCount = async () => ((await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event')) as Array<{ n: number }>)[0]?.n;

  beforeAll(async () => {
    t = await startTestApp(engine);
    seals = t.app.get(AuditSealService);
    admin = new GraphQLSession(t.baseUrl);
    await admin.signInAs(USERS.ombAdmin);
  });
  afterAll(() => t.close());

  it('should seal every event, chain each seal to the one before, and verify them', async () => {
    const before = await integrity();
    expect(before).toMatchObject({ ok: true, sealCount: 0, sealedEventCount: 0, lastSealedAt: null });
    expect(before?.unsealedEventCount).toBeGreaterThan(0);

    const first = await seals.seal();
    expect(first?.eventCount).toBe(await eventCount());
    expect(await seals.seal()).toBeNull();

    // New events (a sign-in, a change) go into the next seal, which follows the first.
    const lead = new GraphQLSession(t.baseUrl);
    await lead.signInAs(USERS.vhaLead);
    await lead.request('mutation { signOut }');
    const second = await seals.seal();
    expect(second?.eventCount).toBe(2);
    const [chain]: Array<{ linked: boolean }> = await t.dataSource.query(
      `SELECT b.previous_hash = a.hash AND a.previous_hash IS NULL AS linked FROM audit_seal a JOIN audit_seal b ON b.id = $2 WHERE a.id = $1`,
      [first?.sealId, second?.sealId],
    );
    expect(chain?.linked).toBe(true);

    const after = await integrity();
    expect(after).toMatchObject({ ok: true, sealCount: 2, problems: [] });
    // Reads are not audited: checking the chain wrote nothing that is left unsealed.
    expect(after?.sealedEventCount).toBe(await eventCount());
    expect(after?.unsealedEventCount).toBe(0);
  });

  /** The same check read one seal and one event at a time: every page and read boundary crossed. */
  const inSmallReads = async () => {
    const { checkedAt: _, ...result } = await seals.verify({ sealsPerPage: 1, eventsPerRead: 1 });
    return {
      ...result,
      lastSealedAt: result.lastSealedAt?.toISOString() ?? null,
      oldestUnsealedAt: result.oldestUnsealedAt?.toISOString() ?? null,
    };
  };

  it('should reach the same verdict when it reads the trail a seal at a time', async () => {
    const whole = await integrity();
    expect(await inSmallReads()).toEqual(whole);
  });

  it.each([
    ['UPDATE', 'UPDATE audit_seal SET hash = repeat($$0$$, 64)'],
    ['DELETE', 'DELETE FROM audit_event_seal'],
    ['TRUNCATE', 'TRUNCATE audit_seal CASCADE'],
  ])('should refuse %s on the seals', async (_op, sql) => {
    await expect(t.dataSource.query(sql)).rejects.toThrow(/append-only/);
  });

  it('should report a sealed event changed or removed behind the triggers’ back, naming the seal', async () => {
    const [target]: Array<{ event_id: string; seal_id: string }> = await t.dataSource.query(
      'SELECT event_id, seal_id FROM audit_event_seal ORDER BY seal_id LIMIT 1',
    );
    // What only a database superuser can do: switch triggers and foreign keys off for the session.
    const tamper = async (sql: string, params: unknown[]): Promise<void> => {
      await t.dataSource.transaction(async (m) => {
        await m.query(`SET LOCAL session_replication_role = replica`);
        await m.query(sql, params);
      });
    };
    await tamper(`UPDATE audit_event SET message = 'nothing happened' WHERE id = $1`, [target?.event_id]);
    const changed = await integrity();
    expect(changed?.ok).toBe(false);
    expect(changed?.problems).toEqual([
      expect.stringMatching(new RegExp(`^Seal ${target?.seal_id} .* an event it covers was changed\\.$`)),
    ]);
    expect(await inSmallReads()).toEqual(changed);

    await tamper(`DELETE FROM audit_event WHERE id = $1`, [target?.event_id]);
    const removed = await integrity();
    expect(removed?.problems).toEqual([expect.stringMatching(/covers 1 event\(s\) that are no longer in the audit trail\.$/)]);
    expect(await inSmallReads()).toEqual(removed);
  });

  it('should let only OMB administrators check the chain', async () => {
    const lead = new GraphQLSession(t.baseUrl);
    await lead.signInAs(USERS.vhaLead);
    expect(codes(await lead.request(INTEGRITY))).toEqual(['FORBIDDEN']);
  });
});

describe.each(ENGINES)('audit trail sealing on a timer on %s', (engine) => {
  it('should seal the trail by itself every AUDIT_SEAL_INTERVAL_SECONDS', async () => {
    const t = await startTestApp(engine, { AUDIT_SEAL_INTERVAL_SECONDS: '1' });
    try {
      let sealed = 0;
      for (let i = 0; i < 40 && sealed === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        sealed = ((await t.dataSource.query('SELECT count(*)::int AS n FROM audit_seal')) as Array<{ n: number }>)[0]?.n ?? 0;
      }
      expect(sealed).toBe(1);
    } finally {
      await t.close();
    }
  });
});
