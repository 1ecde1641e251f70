import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AuditSealService } from '@cx/api-audit';
import { Client } from 'pg';

import { startApi } from './support/api-process';
import { GraphQLSession, USERS } from './support/graphql-session';
import { createTestDatabase, ENGINES, startTestApp } from './support/test-app';

describe.each(ENGINES)('shutting down on %s', (engine) => {
  it('should close the database when the app closes, after its requests and the other shutdown hooks', async () => {
    const db = await createTestDatabase(engine);
    const t = await startTestApp(engine, {}, db);
    try {
      await GraphQLSession.signedIn(t.baseUrl, USERS.vhaLead);
      // Other modules' shutdown hooks still have their database: it closes last.
      const seal = t.app.get(AuditSealService);
      let openDuringSealShutdown: boolean | undefined;
      const stopSealing = seal.onApplicationShutdown.bind(seal);
      seal.onApplicationShutdown = () => {
        openDuringSealShutdown = t.dataSource.isInitialized;
        stopSealing();
      };
      await t.app.close();
      expect(openDuringSealShutdown).toBe(true);
      expect(t.dataSource.isInitialized).toBe(false);
      if (engine === 'pglite') {
        expect(t.created.database.embedded?.db.closed).toBe(true);
      } else {
        // None of the API's connections is left open on the server.
        const admin = new Client({ connectionString: db.url });
        await admin.connect();
        try {
          const { rows } = await admin.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'cx-capacity-api'`,
          );
          expect(rows[0]?.n).toBe(0);
        } finally {
          await admin.end();
        }
      }
    } finally {
      await t.close();
      await db.drop();
    }
  });
});

describe('the real entry point on an embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cx-shutdown-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should close the embedded database on SIGTERM, so that it is released and opens again at once', async () => {
    const env = { DATA_DIR: dir, SEED_ON_START: 'auto', DEMO_SIGN_IN: 'true' };
    const api = await startApi(env);
    try {
      await GraphQLSession.signedIn(api.baseUrl, USERS.vhaLead);
      // The process holds the database: a second one would be refused.
      expect(existsSync(join(dir, 'api.pid'))).toBe(true);
      const exited = once(api.child, 'exit');
      api.child.kill('SIGTERM');
      const [code, signal] = (await exited) as [number | null, string | null];
      // Nest ends the process with the same signal once its shutdown hooks have run.
      expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    } finally {
      await api.kill(); // only if it is still running, after a failure above
    }
    // Closed, not abandoned: the lock file is gone.
    expect(existsSync(join(dir, 'api.pid'))).toBe(false);
    const again = await startApi(env);
    try {
      const res = await new GraphQLSession(again.baseUrl).request<{ demoUsers: unknown[] }>('{ demoUsers { id } }');
      expect(res.data?.demoUsers.length).toBeGreaterThan(0);
    } finally {
      await again.kill();
    }
  }, 120_000);
});
