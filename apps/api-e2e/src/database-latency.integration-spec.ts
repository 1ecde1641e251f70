import { Client } from 'pg';

import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { type LatencyProxy, startLatencyProxy } from './support/latency-proxy';
import { assessmentIdOf, createTestDatabase, ENGINES, startTestApp, type TestApp, type TestDatabase } from './support/test-app';

const LOAD = `query($id: ID!) { assessment(id: $id) { id status responses { criterionCode version } } }`;
const POOL_SIZE = 2;
const LATENCY_MS = 500;

/**
 * A slow network to PostgreSQL (quality.md, fault c: 500 ms of latency, here from a proxy in this process as
 * toxiproxy's latency toxic would add it). Requests still succeed, only slower; those that would wait for a pooled
 * connection longer than its timeout (5 s, per statement) are refused with SERVICE_UNAVAILABLE instead of hanging; and once
 * the latency goes, the pool serves at full speed again with no connection lost or leaked.
 */
describe.each(ENGINES.filter((e) => e === 'postgres'))('a slow network to the database (%s)', (engine) => {
  let db: TestDatabase;
  let proxy: LatencyProxy;
  let t: TestApp;
  let lead: GraphQLSession;
  let id: string;

  const load = async (): Promise<{ outcome: string; ms: number; message?: string }> => {
    const started = Date.now();
    const res = await lead.request(LOAD, { id });
    return { outcome: codes(res)[0] ?? 'OK', ms: Date.now() - started, ...(res.errors ? { message: res.errors[0]?.message } : {}) };
  };
  /** The API's connections to its database, seen by the server itself. */
  const apiConnections = async (): Promise<number> => {
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'cx-capacity-api'`,
      );
      return rows[0]?.n ?? -1;
    } finally {
      await admin.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    const url = new URL(db.url as string);
    proxy = await startLatencyProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    t = await startTestApp(engine, { DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: String(POOL_SIZE) }, db);
    lead = new GraphQLSession(t.baseUrl);
    await lead.signInAs(USERS.vhaLead);
    id = await assessmentIdOf(t.dataSource, 'VHA');
  }, 90_000);

  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('should stay correct under 500 ms of latency, refuse what would wait too long, and recover at once', async () => {
    expect((await load()).outcome).toBe('OK');

    proxy.setLatency(LATENCY_MS);
    // Each of a load's two statements now takes at least the latency.
    const slow = await load();
    expect(slow.outcome).toBe('OK');
    expect(slow.ms).toBeGreaterThanOrEqual(2 * LATENCY_MS);

    // Far more at once than two connections serve in 5 s: some wait their turn, the rest are refused in plain words
    // that say the service is busy (the database is up).
    const burst = await Promise.all(Array.from({ length: 24 }, () => load()));
    const outcomes = new Set(burst.map((r) => r.outcome));
    expect([...outcomes].sort()).toEqual(['OK', 'SERVICE_UNAVAILABLE']);
    expect(new Set(burst.filter((r) => r.outcome !== 'OK').map((r) => r.message))).toEqual(
      new Set(['The service is too busy to answer just now. Try again in a moment.']),
    );
    // Nothing hangs: each of a load's two statements waits at most the pool's timeout for a connection, then runs.
    const slowest = Math.max(...burst.map((r) => r.ms));
    expect(slowest).toBeLessThan(2 * (5_000 + 2 * LATENCY_MS) + 1_000);

    proxy.setLatency(0);
    // Let answers still on their way arrive (they were sent within the latency), then the pool is whole again.
    await new Promise((r) => setTimeout(r, 2 * LATENCY_MS));
    const after = await Promise.all(Array.from({ length: 10 }, () => load()));
    expect(after.map((r) => r.outcome)).toEqual(Array(10).fill('OK'));
    const connections = await apiConnections();
    expect(connections).toBeGreaterThan(0);
    expect(connections).toBeLessThanOrEqual(POOL_SIZE);
    process.stdout.write(
      `database latency ${LATENCY_MS} ms, pool ${POOL_SIZE}: one load ${slow.ms} ms; a burst of 24: ` +
        `${burst.filter((r) => r.outcome === 'OK').length} served, ${burst.filter((r) => r.outcome !== 'OK').length} refused, slowest ${slowest} ms; ` +
        `after: 10 loads in at most ${Math.max(...after.map((r) => r.ms))} ms, ${connections} connections\n`,
    );
  }, 60_000);
});
