import { Client } from 'pg';

import { type ApiProcess, startApi, until } from './support/api-process';
import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/test-app';

const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Milliseconds until `probe` holds, polled every 100 ms; fails after `ms`. */
async function within(ms: number, what: string, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  await until(what, async () => ((await probe()) ? true : undefined), ms);
  return Date.now() - started;
}

/**
 * The database goes away under a running API (quality.md, fault b), on PostgreSQL: every connection of the API is
 * terminated and new ones are refused (ALLOW_CONNECTIONS false on its database only, so the rest of the suite is
 * untouched), then allowed again. The process must stay up, say it is not ready within 5 s, answer requests with
 * SERVICE_UNAVAILABLE in plain words meanwhile, and serve again within 10 s of the database's return, with its sessions intact.
 */
describe.each(ENGINES.filter((e) => e === 'postgres'))('a database outage under a running API (%s)', (engine) => {
  let db: TestDatabase;
  let api: ApiProcess | undefined;
  let base: string;
  let admin: Client;
  let dbName: string;

  const cutOff = async (allow: boolean): Promise<void> => {
    await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS ${allow ? 'true' : 'false'}`);
    if (!allow)
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
  };
  const ready = async (): Promise<number> => (await fetch(`${base}/health/ready`)).status;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    dbName = new URL(db.url as string).pathname.slice(1);
    admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    api = await startApi({ DATABASE_URL: db.url, SEED_ON_START: 'always' });
    base = api.baseUrl;
  }, 90_000);

  afterAll(async () => {
    await cutOff(true).catch(() => undefined);
    await admin?.end();
    await api?.kill();
    await db.drop();
  });

  it('should stay up, report not ready, and recover with its sessions when the database returns', async () => {
    const lead = new GraphQLSession(base);
    await lead.signInAs(USERS.vhaLead);
    const viewer = '{ viewer { user { email } } }';
    expect((await lead.request<{ viewer: { user: { email: string } } }>(viewer)).data?.viewer.user.email).toBe(USERS.vhaLead);

    await cutOff(false);
    const notReadyAfter = await within(5_000, '/health/ready to answer 503', async () => (await ready()) === 503);
    // Meanwhile requests get a plain "try again", never internals.
    const during = await lead.request(viewer);
    expect(codes(during)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(during.errors?.[0]?.message).toBe('The service cannot reach its database just now. Try again in a minute.');
    expect(api?.child.exitCode).toBeNull();

    await cutOff(true);
    const readyAgainAfter = await within(10_000, '/health/ready to answer 200 again', async () => (await ready()) === 200);
    const after = await lead.request<{ viewer: { user: { email: string } } }>(viewer);
    expect(after.data?.viewer.user.email).toBe(USERS.vhaLead);
    expect(api?.child.exitCode).toBeNull();
    process.stdout.write(
      `database outage: not ready after ${notReadyAfter} ms, ready again ${readyAgainAfter} ms after the database returned\n`,
    );
  }, 60_000);
});
