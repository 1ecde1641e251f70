import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { ENGINES, startTestApp, type TestApp } from './support/test-app';

const OPEN = `mutation($input: OpenCycleInput!) { openCycle(input: $input) { assessmentsCreated cycle { id status } } }`;
const CLOSE = `mutation($id: ID!) { closeCycle(id: $id) { id status fiscalYear } }`;
const CURRENT = `{ currentCycle { fiscalYear } }`;
const SAVE = `mutation($input: SaveCriterionResponseInput!) { saveCriterionResponse(input: $input) { response { version } } }`;
const CAN_EDIT = `query($id: ID!) { assessment(id: $id) { canEdit responses { criterionCode editable } } }`;

describe.each(ENGINES)('closing a cycle on %s', (engine) => {
  let t: TestApp;
  let admin: GraphQLSession;
  let lead: GraphQLSession;
  let cycleId: string;
  let assessmentId: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await GraphQLSession.signedIn(t.baseUrl, USERS.ombAdmin);
    lead = await GraphQLSession.signedIn(t.baseUrl, USERS.vhaLead);
    const [framework]: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM framework_version WHERE code = 'A11-280-CAPACITY' AND status = 'PUBLISHED'`,
    );
    const opened = await admin.request<{ openCycle: { cycle: { id: string } } }>(OPEN, {
      input: {
        fiscalYear: 2032,
        frameworkVersionId: framework!.id,
        assessmentDueOn: '2032-01-29',
        draftPlanDueOn: '2032-04-30',
        finalPlanDueOn: '2032-09-17',
      },
    });
    cycleId = opened.data!.openCycle.cycle.id;
    const [a]: Array<{ id: string }> = await t.dataSource.query(
      `SELECT a.id FROM assessment a JOIN organization o ON o.id = a.organization_id WHERE o.abbreviation = 'VHA' AND a.cycle_id = $1`,
      [cycleId],
    );
    assessmentId = a!.id;
  });
  afterAll(() => t.close());

  it('should close an open cycle, audited, so it is no longer current and its assessments are read-only', async () => {
    expect((await lead.request<{ currentCycle: { fiscalYear: number } }>(CURRENT)).data?.currentCycle.fiscalYear).toBe(2032);
    const saved = await lead.request(SAVE, { input: { assessmentId, criterionCode: 'MEA-1', expectedVersion: 0, level: 3 } });
    expect(saved.errors).toBeUndefined();

    const closed = await admin.request<{ closeCycle: { status: string } }>(CLOSE, { id: cycleId });
    expect(closed.data?.closeCycle.status).toBe('CLOSED');
    const events: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM audit_event WHERE action = 'cycle.close' AND outcome = 'SUCCESS' AND subject_id = $1`,
      [cycleId],
    );
    expect(events).toHaveLength(1);
    expect((await lead.request<{ currentCycle: { fiscalYear: number } }>(CURRENT)).data?.currentCycle.fiscalYear).toBe(2027);

    const refused = await lead.request(SAVE, { input: { assessmentId, criterionCode: 'MEA-1', expectedVersion: 1, level: 4 } });
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors?.[0]?.message).toMatch(/cycle is closed/);
    const assign = await lead.request(`mutation($input: AssignCriteriaInput!) { assignCriteria(input: $input) { id } }`, {
      input: { assessmentId, criterionCodes: ['MEA-2'] },
    });
    expect(codes(assign)).toEqual(['CONFLICT']);
    const view = await lead.request<{ assessment: { canEdit: boolean; responses: Array<{ editable: boolean }> } }>(CAN_EDIT, {
      id: assessmentId,
    });
    expect(view.data?.assessment.canEdit).toBe(false);
    expect(view.data?.assessment.responses.every((r) => !r.editable)).toBe(true);
    const [row]: Array<{ level: number }> = await t.dataSource.query(
      `SELECT level FROM criterion_response WHERE assessment_id = $1 AND criterion_code = 'MEA-1'`,
      [assessmentId],
    );
    expect(row?.level).toBe(3);
  });

  it('should refuse to close a cycle that is not open, and say so', async () => {
    const again = await admin.request(CLOSE, { id: cycleId });
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(again.errors?.[0]?.message).toMatch(/is not open/);
    expect(codes(await admin.request(CLOSE, { id: '00000000-0000-4000-8000-000000000000' }))).toEqual(['NOT_FOUND']);
    expect(codes(await lead.request(CLOSE, { id: cycleId }))).toEqual(['FORBIDDEN']);
  });
});
