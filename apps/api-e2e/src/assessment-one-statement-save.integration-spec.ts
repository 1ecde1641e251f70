import { StatementCounter } from '@cx/api-shared-database';

import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { assessmentIdOf, ENGINES, startTestApp, type TestApp } from './support/test-app';

const SAVE = `mutation($input: SaveCriterionResponseInput!) { saveCriterionResponse(input: $input) {
  assessmentStatus response { level notApplicable rationale markedForReview carriedForward version assignee { displayName } } } }`;
const LOAD = `query($id: ID!) { assessment(id: $id) { status framework { domains { criteria { code } } } } }`;

interface Saved {
  saveCriterionResponse: {
    assessmentStatus: string;
    response: {
      level: number | null;
      notApplicable: boolean;
      rationale: string | null;
      markedForReview: boolean;
      carriedForward: boolean;
      version: number;
      assignee: { displayName: string } | null;
    };
  };
}

/**
 * Once a process has read an assessment, a save is one statement after the session's: it writes only if every rule
 * of the checked path holds, and otherwise writes nothing and leaves the decision (and the error) to that path.
 * Each case here runs with the assessment read first, so the one statement is tried.
 */
describe.each(ENGINES)('autosave in one statement on %s', (engine) => {
  const counter = new StatementCounter();
  let t: TestApp;
  let lead: GraphQLSession;
  let contributor: GraphQLSession;
  let contributorId: string;
  let id: string;
  let criteria: string[];

  const save = (who: GraphQLSession, input: Record<string, unknown>) => who.request<Saved>(SAVE, { input: { assessmentId: id, ...input } });
  const stored = async (code: string) =>
    (
      await t.dataSource.query(
        `SELECT level, not_applicable, rationale, marked_for_review, carried_forward, version
           FROM criterion_response WHERE assessment_id = $1 AND criterion_code = $2`,
        [id, code],
      )
    )[0] as Record<string, unknown> | undefined;
  const events = async (code: string, outcome: string): Promise<Array<{ changes: unknown }>> =>
    t.dataSource.query(
      `SELECT changes FROM audit_event WHERE action = 'assessment.save_response' AND outcome = $2 AND subject_id = $1
        ORDER BY occurred_at, id`,
      [`${id}:${code}`, outcome],
    );
  const status = async (): Promise<string> =>
    ((await t.dataSource.query(`SELECT status FROM assessment WHERE id = $1`, [id]))[0] as { status: string }).status;

  beforeAll(async () => {
    t = await startTestApp(engine, {}, undefined, { sqlLogger: counter });
    lead = new GraphQLSession(t.baseUrl);
    await lead.signInAs(USERS.vhaLead);
    contributor = new GraphQLSession(t.baseUrl);
    ({ userId: contributorId } = await contributor.signInAs(USERS.vhaContributor));
    id = await assessmentIdOf(t.dataSource, 'VHA');
    const loaded = await lead.request<{
      assessment: { status: string; framework: { domains: Array<{ criteria: Array<{ code: string }> }> } };
    }>(LOAD, { id });
    expect(loaded.data?.assessment.status).toBe('NOT_STARTED');
    criteria = loaded.data?.assessment.framework.domains.flatMap((d) => d.criteria.map((c) => c.code)) ?? [];
  });
  afterAll(() => t.close());

  it('should refuse a contributor who is not assigned, without starting the assessment', async () => {
    const code = criteria[0] as string;
    const res = await save(contributor, { criterionCode: code, expectedVersion: 0, level: 2 });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.errors?.[0]?.message).toMatch(/not assigned to you/);
    expect(await stored(code)).toBeUndefined();
    expect(await status()).toBe('NOT_STARTED');
    const denied: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM audit_event WHERE action = 'assessment.save_response' AND outcome = 'DENIED' AND subject_id = $1`,
      [id],
    );
    expect(denied).toHaveLength(1);
  });

  it('should write a first answer, start the assessment and record what changed, in two statements', async () => {
    const code = criteria[0] as string;
    counter.reset();
    const res = await save(lead, { criterionCode: code, expectedVersion: 0, level: 3, rationale: 'We survey every visit.' });
    expect(res.errors).toBeUndefined();
    expect(counter.count).toBe(2);
    expect(res.data?.saveCriterionResponse).toMatchObject({
      assessmentStatus: 'IN_PROGRESS',
      response: { level: 3, rationale: 'We survey every visit.', notApplicable: false, version: 1 },
    });
    expect(await status()).toBe('IN_PROGRESS');
    expect(await events(code, 'SUCCESS')).toEqual([
      { changes: { level: { before: null, after: 3 }, rationale: { before: null, after: 'We survey every visit.' } } },
    ]);
  });

  it('should keep what a partial save leaves out and record only what it changed', async () => {
    const code = criteria[0] as string;
    counter.reset();
    const res = await save(lead, { criterionCode: code, expectedVersion: 1, markedForReview: true });
    expect(res.errors).toBeUndefined();
    expect(counter.count).toBe(2);
    expect(await stored(code)).toEqual({
      level: 3,
      not_applicable: false,
      rationale: 'We survey every visit.',
      marked_for_review: true,
      carried_forward: false,
      version: 2,
    });
    expect((await events(code, 'SUCCESS')).at(-1)).toEqual({ changes: { markedForReview: { before: false, after: true } } });
  });

  it('should refuse "not applicable" without a reason, and keep the stored reason when the save gives none', async () => {
    const fresh = criteria[1] as string;
    const refused = await save(lead, { criterionCode: fresh, expectedVersion: 0, notApplicable: true });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0]?.extensions?.fieldErrors?.[0]?.path).toBe('input.rationale');
    expect(await stored(fresh)).toBeUndefined();

    const code = criteria[0] as string;
    const res = await save(lead, { criterionCode: code, expectedVersion: 2, notApplicable: true });
    expect(res.errors).toBeUndefined();
    expect(res.data?.saveCriterionResponse.response).toMatchObject({
      level: null,
      notApplicable: true,
      rationale: 'We survey every visit.',
    });
    expect((await events(code, 'SUCCESS')).at(-1)).toEqual({
      changes: { level: { before: 3, after: null }, notApplicable: { before: false, after: true } },
    });
  });

  it('should answer a stale version with a conflict and the current answer, and change nothing', async () => {
    const code = criteria[0] as string;
    const before = await stored(code);
    const res = await save(lead, { criterionCode: code, expectedVersion: 1, level: 2 });
    expect(codes(res)).toEqual(['CONFLICT']);
    expect(res.errors?.[0]?.extensions).toMatchObject({ currentVersion: 3, current: { notApplicable: true, updatedBy: 'Alicia Gomez' } });
    expect(await stored(code)).toEqual(before);
  });

  it('should let an assigned contributor save in two statements, and clear "carried forward" on confirmation', async () => {
    const code = criteria[2] as string;
    const assigned = await lead.request(`mutation($input: AssignCriteriaInput!) { assignCriteria(input: $input) { id } }`, {
      input: { assessmentId: id, criterionCodes: [code], assigneeUserId: contributorId },
    });
    expect(assigned.errors).toBeUndefined();
    await t.dataSource.query(
      `UPDATE criterion_response SET carried_forward = true, level = 2 WHERE assessment_id = $1 AND criterion_code = $2`,
      [id, code],
    );
    const version = (await stored(code))?.['version'];
    counter.reset();
    const res = await save(contributor, { criterionCode: code, expectedVersion: version, confirmCarriedForward: true });
    expect(res.errors).toBeUndefined();
    expect(counter.count).toBe(2);
    expect(res.data?.saveCriterionResponse.response).toMatchObject({
      level: 2,
      carriedForward: false,
      assignee: { displayName: 'Ben Carter' },
    });
    expect((await events(code, 'SUCCESS')).at(-1)).toEqual({ changes: { carriedForward: { before: true, after: false } } });
  });

  it('should still save when another process has changed the assessment’s modules, then go back to two statements', async () => {
    // As if another API process had added the CivX module: this process's header no longer matches the row.
    await t.dataSource.query(
      `UPDATE assessment SET supplemental_framework_version_ids = (SELECT jsonb_agg(id) FROM framework_version WHERE kind = 'SUPPLEMENTAL')
        WHERE id = $1`,
      [id],
    );
    const code = criteria[3] as string;
    counter.reset();
    const first = await save(lead, { criterionCode: code, expectedVersion: 0, level: 4 });
    expect(first.errors).toBeUndefined();
    // The session, the one statement (which wrote nothing), then the checked path's read, the module's framework
    // text (once per process) and the write.
    expect(counter.count).toBe(5);
    counter.reset();
    const second = await save(lead, { criterionCode: code, expectedVersion: 1, level: 5 });
    expect(second.errors).toBeUndefined();
    expect(counter.count).toBe(2);
    expect(await events(code, 'SUCCESS')).toHaveLength(2);
  });

  it('should leave a not-started assessment not started when a save meets a newer version', async () => {
    const fema = new GraphQLSession(t.baseUrl);
    const { userId } = await fema.signInAs(USERS.femaLead);
    const femaId = await assessmentIdOf(t.dataSource, 'FEMA');
    expect((await fema.request(LOAD, { id: femaId })).errors).toBeUndefined();
    const code = criteria[0] as string;
    // An assignment creates the answer's row (version 1) without starting the assessment.
    const assigned = await fema.request(`mutation($input: AssignCriteriaInput!) { assignCriteria(input: $input) { id } }`, {
      input: { assessmentId: femaId, criterionCodes: [code], assigneeUserId: userId },
    });
    expect(assigned.errors).toBeUndefined();
    const res = await fema.request(SAVE, { input: { assessmentId: femaId, criterionCode: code, expectedVersion: 0, level: 3 } });
    expect(codes(res)).toEqual(['CONFLICT']);
    const [row]: Array<{ status: string }> = await t.dataSource.query(`SELECT status FROM assessment WHERE id = $1`, [femaId]);
    expect(row?.status).toBe('NOT_STARTED');
  });

  it('should refuse every change once the assessment is submitted', async () => {
    await t.dataSource.query(`UPDATE assessment SET status = 'SUBMITTED' WHERE id = $1`, [id]);
    const code = criteria[3] as string;
    const res = await save(lead, { criterionCode: code, expectedVersion: 2, level: 1 });
    expect(codes(res)).toEqual(['CONFLICT']);
    expect(res.errors?.[0]?.message).toMatch(/submitted/);
    expect((await stored(code))?.['level']).toBe(5);
  });
});
