import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AuditSealService } from '@cx/api-audit';
import { Client } from 'pg';

import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { assessmentIdOf, createTestDatabase, ENGINES, startTestApp, type TestApp, type TestDatabase } from './support/test-app';

const SAVE = `mutation($input: SaveCriterionResponseInput!) { saveCriterionResponse(input: $input) { response { version } } }`;
const INTEGRITY = '{ auditIntegrity { ok sealCount sealedEventCount problems } }';

/** Per table of the public schema: its row count and an MD5 of all its rows in a fixed order. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const tables = await c.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const { rows } = await c.query<{ n: number; md5: string | null }>(
        `SELECT count(*)::int AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS md5 FROM ${name} t`,
      );
      out[name] = `${rows[0]?.n ?? 0} rows, ${rows[0]?.md5 ?? 'empty'}`;
    }
    return out;
  } finally {
    await c.end();
  }
}

/**
 * Backup drill (quality.md 2.2), on PostgreSQL with its own tools: a database in use (demo data, answers saved, the
 * audit trail sealed) is dumped with `pg_dump -Fc` and restored with `pg_restore` into an empty database. Every table
 * must come back row for row (count and MD5 of its ordered rows), and the app must run on the copy: sessions,
 * answers and a verifying audit chain. The dump and restore times are the figures the README quotes.
 */
describe.each(ENGINES.filter((e) => e === 'postgres'))('backup and restore with pg_dump / pg_restore (%s)', (engine) => {
  let source: TestDatabase;
  let target: TestDatabase;
  let app: TestApp;
  let dir: string;

  beforeAll(async () => {
    source = await createTestDatabase(engine);
    target = await createTestDatabase(engine);
    dir = mkdtempSync(join(tmpdir(), 'cx-backup-'));
    app = await startTestApp(engine, {}, source);
  });

  afterAll(async () => {
    await app.close();
    await source.drop();
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should restore every row, and the app should run on the copy with its audit chain intact', async () => {
    // A database in use: answers saved, the trail sealed, then one more change after the seal.
    const lead = new GraphQLSession(app.baseUrl);
    await lead.signInAs(USERS.vhaLead);
    const assessmentId = await assessmentIdOf(app.dataSource, 'VHA');
    const save = (criterionCode: string, expectedVersion: number) =>
      lead.request(SAVE, { input: { assessmentId, criterionCode, expectedVersion, rationale: `Backed up (${criterionCode})` } });
    expect(codes(await save('MEA-1', 0))).toEqual([]);
    await app.app.get(AuditSealService).seal();
    expect(codes(await save('MEA-2', 0))).toEqual([]);

    const dump = join(dir, 'cx.dump');
    const dumpStarted = performance.now();
    execFileSync('pg_dump', ['-Fc', '--no-owner', '-f', dump, source.url as string]);
    const dumpMs = performance.now() - dumpStarted;
    const restoreStarted = performance.now();
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '-d', target.url as string, dump]);
    const restoreMs = performance.now() - restoreStarted;

    const before = await fingerprint(source.url as string);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['assessment', 'criterion_response', 'audit_event', 'audit_seal']));
    expect(await fingerprint(target.url as string)).toEqual(before);

    // The app on the copy: no migration left to run, the session still valid, the answers there, the chain verifying.
    const copy = await startTestApp(engine, { SEED_ON_START: 'never' }, target);
    try {
      const again = new GraphQLSession(copy.baseUrl);
      again.cookie = lead.cookie;
      const answers = await again.request<{ assessment: { responses: Array<{ criterionCode: string; rationale: string | null }> } }>(
        'query($id: ID!) { assessment(id: $id) { responses { criterionCode rationale } } }',
        { id: assessmentId },
      );
      expect(answers.data?.assessment.responses).toEqual(
        expect.arrayContaining([
          { criterionCode: 'MEA-1', rationale: 'Backed up (MEA-1)' },
          { criterionCode: 'MEA-2', rationale: 'Backed up (MEA-2)' },
        ]),
      );
      const admin = new GraphQLSession(copy.baseUrl);
      await admin.signInAs(USERS.ombAdmin);
      const integrity = await admin.request<{ auditIntegrity: { ok: boolean; sealCount: number; problems: string[] } }>(INTEGRITY);
      expect(integrity.data?.auditIntegrity).toMatchObject({ ok: true, sealCount: 1, problems: [] });
    } finally {
      await copy.close();
    }
    process.stdout.write(
      `backup drill: ${Object.keys(before).length} tables identical; pg_dump ${dumpMs.toFixed(0)} ms ` +
        `(${(statSync(dump).size / 1024).toFixed(0)} kB), pg_restore ${restoreMs.toFixed(0)} ms\n`,
    );
  }, 60_000);
});
