import { randomUUID } from 'node:crypto';

import { Client } from 'pg';

import { until } from './support/api-process';
import { codes, GraphQLSession, type GraphQLResult, USERS } from './support/graphql-session';
import {
  assessmentIdOf,
  savesAudited,
  createTestDatabase,
  ENGINES,
  startTestApp,
  type TestApp,
  type TestDatabase,
} from './support/test-app';

const SAVE = `mutation($input: SaveCriterionResponseInput!) { saveCriterionResponse(input: $input) { assessmentStatus response { level version } } }`;
const CRITERIA = `query($id: ID!) { assessment(id: $id) { status framework { domains { criteria { code } } } } }`;

// Autosave writes without an explicit transaction (one read, then one statement that locks, checks and writes).
describe.each(ENGINES)('answers saved at the same moment on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let lead: GraphQLSession;

  const assessmentOf = (abbr: string): Promise<string> => assessmentIdOf(t.dataSource, abbr);
  const criteriaOf = async (id: string): Promise<{ status: string; codes: string[] }> => {
    const res = await lead.request<{
      assessment: { status: string; framework: { domains: Array<{ criteria: Array<{ code: string }> }> } };
    }>(CRITERIA, { id });
    const a = res.data?.assessment;
    return { status: a?.status ?? '', codes: a?.framework.domains.flatMap((d) => d.criteria.map((c) => c.code)) ?? [] };
  };

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp(engine, {}, db);
    lead = new GraphQLSession(t.baseUrl);
    await lead.signInAs(USERS.femaLead);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('should start the assessment once and keep every answer when the first answers arrive together', async () => {
    const id = await assessmentOf('FEMA');
    const { status, codes: all } = await criteriaOf(id);
    expect(status).toBe('NOT_STARTED');
    const some = all.slice(0, 8);
    const results = await Promise.all(
      some.map((code, i) =>
        lead.request(SAVE, { input: { assessmentId: id, criterionCode: code, expectedVersion: 0, level: (i % 5) + 1 } }),
      ),
    );
    expect(results.flatMap((r) => codes(r))).toEqual([]);
    expect((await criteriaOf(id)).status).toBe('IN_PROGRESS');
    const [saved]: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM criterion_response WHERE assessment_id = $1 AND level IS NOT NULL`,
      [id],
    );
    const [audited]: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'assessment.save_response' AND outcome = 'SUCCESS' AND subject_id LIKE $1`,
      [`${id}:%`],
    );
    expect(saved?.n).toBe(some.length);
    expect(audited?.n).toBe(some.length);
  });

  if (engine === 'postgres') {
    it('should refuse an answer that arrives while a submit commits, and leave the submitted answer as it was', async () => {
      const id = await assessmentOf('FEMA');
      const { codes: all } = await criteriaOf(id);
      const code = all[0] as string;
      const [before]: Array<{ level: number; version: number }> = await t.dataSource.query(
        `SELECT level, version FROM criterion_response WHERE assessment_id = $1 AND criterion_code = $2`,
        [id, code],
      );
      // Another session submits: it holds the assessment row while the answer is on its way.
      const submitter = new Client({ connectionString: db.url });
      await submitter.connect();
      try {
        await submitter.query('BEGIN');
        await submitter.query(`SELECT id FROM assessment WHERE id = $1 FOR UPDATE`, [id]);
        await submitter.query(`UPDATE assessment SET status = 'SUBMITTED' WHERE id = $1`, [id]);
        let settled = false;
        const save = lead
          .request(SAVE, { input: { assessmentId: id, criterionCode: code, expectedVersion: before?.version, level: 5 } })
          .finally(() => (settled = true));
        await new Promise((r) => setTimeout(r, 300));
        expect(settled).toBe(false); // waiting for the submit
        await submitter.query('COMMIT');
        const res = await save;
        expect(codes(res)).toEqual(['CONFLICT']);
        expect(res.errors?.[0]?.message).toMatch(/has been submitted/);
        const [after]: Array<{ level: number; version: number }> = await t.dataSource.query(
          `SELECT level, version FROM criterion_response WHERE assessment_id = $1 AND criterion_code = $2`,
          [id, code],
        );
        expect(after).toEqual(before);
      } finally {
        await submitter.query(`UPDATE assessment SET status = 'IN_PROGRESS' WHERE id = $1`, [id]).catch(() => undefined);
        await submitter.end();
      }
    });

    type Saved = { saveCriterionResponse: { response: { level: number; version: number } } };
    /**
     * Another session changes the first answer of an assessment this process has not read (so the save takes the
     * checked path: read, then write) and holds the row until the save waits for it, then commits: what the save
     * read is stale by the time it writes. The answer starts at version 1; returns the save's result and the code.
     */
    const saveMeetingHeldChange = async (
      abbreviation: string,
      email: string,
      held: { set: string; parameters: unknown[] },
      input: Record<string, unknown>,
    ): Promise<{ id: string; code: string; res: GraphQLResult<Saved> }> => {
      const id = await assessmentOf(abbreviation);
      const [answer]: Array<{ framework_version_id: string; code: string }> = await t.dataSource.query(
        `SELECT a.framework_version_id, f.definition->'domains'->0->'criteria'->0->>'code' AS code
           FROM assessment a JOIN framework_version f ON f.id = a.framework_version_id WHERE a.id = $1`,
        [id],
      );
      const { framework_version_id: frameworkVersionId, code } = answer as { framework_version_id: string; code: string };
      await t.dataSource.query(
        `INSERT INTO criterion_response (assessment_id, framework_version_id, criterion_code, level, rationale) VALUES ($1, $2, $3, 1, 'Before.')`,
        [id, frameworkVersionId, code],
      );
      const user = new GraphQLSession(t.baseUrl);
      await user.signInAs(email);
      const other = new Client({ connectionString: db.url });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query(
          `UPDATE criterion_response SET ${held.set}, version = version + 1 WHERE assessment_id = $1 AND criterion_code = $2`,
          [id, code, ...held.parameters],
        );
        const save = user.request<Saved>(SAVE, { input: { assessmentId: id, criterionCode: code, expectedVersion: 1, ...input } });
        await until(
          'the save waits for the row',
          async () => {
            const waiting: unknown[] = await t.dataSource.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%criterion_response%'`,
            );
            return waiting.length > 0 || undefined;
          },
          10_000,
          20,
        );
        await other.query('COMMIT');
        return { id, code, res: await save };
      } finally {
        await other.end();
      }
    };

    it('should take a save as made, not as a conflict, when the same change commits between its read and its write', async () => {
      // Someone else makes the very same change.
      const { id, code, res } = await saveMeetingHeldChange(
        'VHA',
        USERS.vhaLead,
        { set: `level = 3, rationale = 'Same change.'`, parameters: [] },
        { level: 3, rationale: 'Same change.' },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.saveCriterionResponse.response).toEqual({ level: 3, version: 2 });
      expect(await savesAudited(t.dataSource, id, code)).toBe(0); // nothing written by this save
    });

    it("should go on top of the client's own lost save when it commits between the save's read and its write", async () => {
      // The client's earlier save, whose reply it never got, is still being written while the next one is read.
      // IRS: an assessment no other test here saves on.
      const lost = randomUUID();
      const { id, code, res } = await saveMeetingHeldChange(
        'IRS',
        USERS.irsLeadTreasExec,
        { set: `level = 2, rationale = 'Lost reply.', last_save_id = $3`, parameters: [lost] },
        { saveId: randomUUID(), afterSaveIds: [lost], level: 4, rationale: 'Typed after the lost reply.' },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.saveCriterionResponse.response).toEqual({ level: 4, version: 3 });
      const [stored]: Array<{ rationale: string }> = await t.dataSource.query(
        `SELECT rationale FROM criterion_response WHERE assessment_id = $1 AND criterion_code = $2`,
        [id, code],
      );
      expect(stored?.rationale).toBe('Typed after the lost reply.');
      expect(await savesAudited(t.dataSource, id, code)).toBe(1); // this save, once
    });
  }
});
