import { type ChildProcess, execFileSync } from 'node:child_process';
import { once } from 'node:events';

import { freePort, spawnApi, until } from './support/api-process';
import { GraphQLSession, USERS } from './support/graphql-session';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/test-app';

/** Process ids of the primary's workers. */
const workersOf = (pid: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
};

// The real entry point (apps/api/src/main.ts) with API_WORKERS=2, as a deployment would run it.
describe.each(ENGINES.filter((e) => e === 'postgres'))('API_WORKERS=2 on %s', (engine) => {
  let db: TestDatabase;
  let primary: ChildProcess;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    primary = spawnApi(port, { DATABASE_URL: db.url, API_WORKERS: '2', SEED_ON_START: 'always' });
    await until('both workers to serve', async () => {
      const res = await fetch(`${base}/health/ready`);
      return res.ok && workersOf(primary.pid as number).length === 2 ? true : undefined;
    });
  }, 120_000);

  afterAll(async () => {
    if (primary.exitCode === null) {
      primary.kill('SIGKILL');
      await once(primary, 'exit');
    }
    await db.drop();
  });

  it('should serve one signed-in session from either worker', async () => {
    const session = new GraphQLSession(base);
    await session.signInAs(USERS.vhaLead);
    // node:cluster hands connections out in turn; fetch opens new ones, so both workers answer some of these.
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => session.request<{ viewer: { user: { email: string } } }>('{ viewer { user { email } } }')),
    );
    expect(answers.map((a) => a.data?.viewer.user.email)).toEqual(Array(12).fill(USERS.vhaLead));
  });

  it('should replace a worker that dies and keep serving meanwhile', async () => {
    const [victim, survivor] = workersOf(primary.pid as number);
    process.kill(victim as number, 'SIGKILL');
    const replaced = await until('a new worker', () => {
      const now = workersOf(primary.pid as number);
      return now.length === 2 && !now.includes(victim as number) ? now : undefined;
    });
    expect(replaced).toContain(survivor);
    await until('the new worker to serve', async () => ((await fetch(`${base}/health/ready`)).ok ? true : undefined));
  }, 120_000);

  it('should stop every worker and exit cleanly on SIGTERM', async () => {
    const workers = workersOf(primary.pid as number);
    primary.kill('SIGTERM');
    const [code] = (await once(primary, 'exit')) as [number | null];
    expect(code).toBe(0);
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(workers).toHaveLength(2);
    expect(workers.filter(alive)).toEqual([]);
  }, 60_000);
});
