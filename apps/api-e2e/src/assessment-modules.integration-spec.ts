import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { ENGINES, startTestApp, type TestApp } from './support/test-app';

const MODULES = `supplementalModules { framework { id code } responses { criterionCode level } scores { total maxTotal completion } }`;
const LOAD = `query($id: ID!) { assessment(id: $id) { id contentsVisible scores { total maxTotal } ${MODULES} } }`;
const ADD = `mutation($a: ID!, $f: ID!) { addAssessmentModule(assessmentId: $a, frameworkVersionId: $f) { id ${MODULES} } }`;
const REMOVE = `mutation($a: ID!, $f: ID!) { removeAssessmentModule(assessmentId: $a, frameworkVersionId: $f) { id ${MODULES} } }`;
const SAVE = `mutation($input: SaveCriterionResponseInput!) { saveCriterionResponse(input: $input) {
  frameworkVersionId response { criterionCode level version } scores { total maxTotal } } }`;

interface Module {
  framework: { id: string; code: string };
  responses: Array<{ criterionCode: string; level: number | null }>;
  scores: { total: number | null; maxTotal: number; completion: number };
}
interface Loaded {
  id: string;
  contentsVisible: boolean;
  scores: { total: number | null; maxTotal: number };
  supplementalModules: Module[];
}

describe.each(ENGINES)('optional modules (civic experience) on %s', (engine) => {
  let t: TestApp;
  const s: Record<string, GraphQLSession> = {};
  let vhaId: string;
  let civxId: string;
  let capacityId: string;

  const load = async (who: string): Promise<Loaded> => {
    const res = await s[who]!.request<{ assessment: Loaded }>(LOAD, { id: vhaId });
    expect(res.errors).toBeUndefined();
    return res.data!.assessment;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const [k, email] of Object.entries(USERS)) {
      s[k] = new GraphQLSession(t.baseUrl);
      await s[k].signInAs(email);
    }
    const [a]: Array<{ id: string; framework_version_id: string }> = await t.dataSource.query(
      `SELECT a.id, a.framework_version_id FROM assessment a JOIN organization o ON o.id = a.organization_id
         JOIN cycle c ON c.id = a.cycle_id WHERE o.abbreviation = 'VHA' AND c.fiscal_year = 2027`,
    );
    vhaId = a!.id;
    capacityId = a!.framework_version_id;
    const [f]: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM framework_version WHERE code = 'CIVX' AND status = 'PUBLISHED'`,
    );
    civxId = f!.id;
  });
  afterAll(() => t.close());

  it('should refuse an answer to a module the assessment does not have', async () => {
    const res = await s['vhaLead']!.request(SAVE, { input: { assessmentId: vhaId, criterionCode: 'KNO-1', expectedVersion: 0, level: 3 } });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.extensions?.fieldErrors?.[0]?.path).toBe('input.criterionCode');
  });

  it('should let only the CX lead add a module, and only a published optional one', async () => {
    expect(codes(await s['vhaContributor']!.request(ADD, { a: vhaId, f: civxId }))).toEqual(['FORBIDDEN']);
    expect(codes(await s['femaLead']!.request(ADD, { a: vhaId, f: civxId }))).toEqual(['FORBIDDEN']);
    const wrong = await s['vhaLead']!.request(ADD, { a: vhaId, f: capacityId });
    expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors?.[0]?.extensions?.fieldErrors?.[0]).toMatchObject({
      path: 'frameworkVersionId',
      message: 'Choose a published optional module.',
    });
    expect((await load('vhaLead')).supplementalModules).toEqual([]);
  });

  it('should add the module once, audited, and score it apart from the A-11 total', async () => {
    const before = await load('vhaLead');
    const added = await s['vhaLead']!.request<{ addAssessmentModule: Loaded }>(ADD, { a: vhaId, f: civxId });
    expect(added.errors).toBeUndefined();
    expect(added.data?.addAssessmentModule.supplementalModules).toEqual([
      { framework: { id: civxId, code: 'CIVX' }, responses: [], scores: { total: null, maxTotal: 20, completion: 0 } },
    ]);
    // Adding it again changes nothing and writes no second event.
    await s['vhaLead']!.request(ADD, { a: vhaId, f: civxId });
    const events: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM audit_event WHERE action = 'assessment.add_module' AND outcome = 'SUCCESS' AND subject_id = $1`,
      [vhaId],
    );
    expect(events).toHaveLength(1);

    const saved = await s['vhaLead']!.request<{
      saveCriterionResponse: { frameworkVersionId: string; response: { level: number }; scores: { total: number; maxTotal: number } };
    }>(SAVE, { input: { assessmentId: vhaId, criterionCode: 'KNO-1', expectedVersion: 0, level: 5 } });
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.saveCriterionResponse).toMatchObject({
      frameworkVersionId: civxId,
      response: { level: 5 },
      scores: { total: 5, maxTotal: 20 },
    });
    const after = await load('vhaLead');
    expect(after.scores).toEqual(before.scores);
    expect(after.supplementalModules[0]).toMatchObject({ responses: [{ criterionCode: 'KNO-1', level: 5 }], scores: { total: 5 } });
  });

  it('should let a contributor answer module questions assigned to them', async () => {
    const [ben]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [USERS.vhaContributor]);
    const assigned = await s['vhaLead']!.request(`mutation($input: AssignCriteriaInput!) { assignCriteria(input: $input) { id } }`, {
      input: { assessmentId: vhaId, domainCode: 'PUBLIC_TRUST', assigneeUserId: ben!.id },
    });
    expect(assigned.errors).toBeUndefined();
    const ok = await s['vhaContributor']!.request(SAVE, {
      input: { assessmentId: vhaId, criterionCode: 'TRU-1', expectedVersion: 1, level: 2 },
    });
    expect(ok.errors).toBeUndefined();
    expect(
      codes(
        await s['vhaContributor']!.request(SAVE, { input: { assessmentId: vhaId, criterionCode: 'KNO-2', expectedVersion: 0, level: 2 } }),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('should show OMB the module’s progress but not its answers while the assessment is a draft', async () => {
    const seen = await load('ombReviewer');
    expect(seen.contentsVisible).toBe(false);
    expect(seen.supplementalModules[0]).toMatchObject({ responses: [], scores: { total: null, maxTotal: 20 } });
    expect(seen.supplementalModules[0]!.scores.completion).toBeGreaterThan(0);
  });

  it('should keep the answers of a removed module and bring them back when it is added again', async () => {
    const removed = await s['vhaLead']!.request<{ removeAssessmentModule: Loaded }>(REMOVE, { a: vhaId, f: civxId });
    expect(removed.errors).toBeUndefined();
    expect(removed.data?.removeAssessmentModule.supplementalModules).toEqual([]);
    expect(
      codes(await s['vhaLead']!.request(SAVE, { input: { assessmentId: vhaId, criterionCode: 'KNO-1', expectedVersion: 1, level: 4 } })),
    ).toEqual(['BAD_USER_INPUT']);
    const again = await s['vhaLead']!.request<{ addAssessmentModule: Loaded }>(ADD, { a: vhaId, f: civxId });
    const answered = again.data?.addAssessmentModule.supplementalModules[0]?.responses.filter((r) => r.level !== null);
    expect(answered?.map((r) => `${r.criterionCode}=${String(r.level)}`).sort()).toEqual(['KNO-1=5', 'TRU-1=2']);
  });
});
