import { readFileSync } from 'node:fs';

import { A11_280_CAPACITY_FY2027_PATH } from '@cx/shared-assessment-model';

import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { ENGINES, startTestApp, type TestApp } from './support/test-app';

const IMPORT = `mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { framework { id status } } }`;
const RETIRE = `mutation($id: ID!) { retireFrameworkVersion(id: $id) { id status } }`;
const OPEN = `mutation($input: OpenCycleInput!) { openCycle(input: $input) { assessmentsCreated cycle { id } } }`;

const shipped = (): Record<string, unknown> => JSON.parse(readFileSync(A11_280_CAPACITY_FY2027_PATH, 'utf8')) as Record<string, unknown>;

const cycleInput = (fiscalYear: number, frameworkVersionId: string) => ({
  fiscalYear,
  frameworkVersionId,
  assessmentDueOn: `${fiscalYear}-01-29`,
  draftPlanDueOn: `${fiscalYear}-04-30`,
  finalPlanDueOn: `${fiscalYear}-09-17`,
});

describe.each(ENGINES)('retiring framework versions on %s', (engine) => {
  let t: TestApp;
  let admin: GraphQLSession;

  /** Imports the shipped framework under a new version number (years no other spec uses). */
  const importVersion = async (version: string, publish: boolean): Promise<string> => {
    const file = { ...shipped(), version, effectiveFiscalYear: 2031 };
    const res = await admin.request<{ importFramework: { framework: { id: string } } }>(IMPORT, {
      input: { fileContent: JSON.stringify(file), publish },
    });
    const id = res.data?.importFramework.framework.id;
    if (!id) throw new Error(`import failed: ${JSON.stringify(res.errors)}`);
    return id;
  };
  const statusOf = async (id: string): Promise<string | undefined> =>
    ((await t.dataSource.query(`SELECT status FROM framework_version WHERE id = $1`, [id])) as Array<{ status: string }>)[0]?.status;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = new GraphQLSession(t.baseUrl);
    await admin.signInAs(USERS.ombAdmin);
  });
  afterAll(() => t.close());

  it('should retire a published version and audit it when an OMB administrator asks', async () => {
    const id = await importVersion('2031.1', true);

    const res = await admin.request(RETIRE, { id });

    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ retireFrameworkVersion: { id, status: 'RETIRED' } });
    const events: Array<{ outcome: string; changes: unknown }> = await t.dataSource.query(
      `SELECT outcome, changes FROM audit_event WHERE action = 'framework.retire' AND subject_type = 'FrameworkVersion' AND subject_id = $1`,
      [id],
    );
    expect(events).toEqual([{ outcome: 'SUCCESS', changes: { status: { before: 'PUBLISHED', after: 'RETIRED' } } }]);
  });

  it('should answer CONFLICT in plain language and change nothing when the version is a draft', async () => {
    const id = await importVersion('2031.2', false);

    const res = await admin.request(RETIRE, { id });

    expect(codes(res)).toEqual(['CONFLICT']);
    expect(res.errors?.[0]?.message).toMatch(/draft/);
    expect(res.errors?.[0]?.extensions?.['status']).toBe('DRAFT');
    expect(await statusOf(id)).toBe('DRAFT');
  });

  it('should answer CONFLICT when the version is already retired', async () => {
    const id = await importVersion('2031.3', true);
    await admin.request(RETIRE, { id });

    expect(codes(await admin.request(RETIRE, { id }))).toEqual(['CONFLICT']);
  });

  it('should refuse a retired version for a new cycle and create nothing', async () => {
    const id = await importVersion('2031.4', true);
    await admin.request(RETIRE, { id });

    const res = await admin.request(OPEN, { input: cycleInput(2031, id) });

    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.extensions?.fieldErrors?.map((e) => e.path)).toEqual(['input.frameworkVersionId']);
    expect(await t.dataSource.query(`SELECT 1 FROM cycle WHERE fiscal_year = 2031`)).toHaveLength(0);
  });

  it('should keep the version on assessments that already use it, and show it as retired, when it is retired', async () => {
    const id = await importVersion('2031.5', true);
    const opened = await admin.request<{ openCycle: { assessmentsCreated: number; cycle: { id: string } } }>(OPEN, {
      input: cycleInput(2032, id),
    });
    expect(opened.data?.openCycle.assessmentsCreated).toBeGreaterThan(0);
    const frameworksOnAssessments = async (): Promise<Array<{ id: string; status: string }>> => {
      const list = await admin.request<{ assessments: Array<{ framework: { id: string; status: string } }> }>(
        `query($cycleId: ID) { assessments(cycleId: $cycleId) { framework { id status } } }`,
        { cycleId: opened.data?.openCycle.cycle.id },
      );
      expect(list.errors).toBeUndefined();
      return list.data?.assessments.map((a) => a.framework) ?? [];
    };
    // Read once while published, so the process has the version's text cached.
    expect(new Set((await frameworksOnAssessments()).map((f) => f.status))).toEqual(new Set(['PUBLISHED']));

    await admin.request(RETIRE, { id });

    const rows: Array<{ framework_version_id: string }> = await t.dataSource.query(
      `SELECT DISTINCT framework_version_id FROM assessment WHERE cycle_id = $1`,
      [opened.data?.openCycle.cycle.id],
    );
    expect(rows).toEqual([{ framework_version_id: id }]);
    // The status is read with the assessment, not taken from the cache: another replica would not know of the retire.
    const after = await frameworksOnAssessments();
    expect(new Set(after.map((f) => f.id))).toEqual(new Set([id]));
    expect(new Set(after.map((f) => f.status))).toEqual(new Set(['RETIRED']));
  });

  it.each([
    ['vhaLead', '2031.6'],
    ['ombReviewer', '2031.7'],
  ] as const)('should answer FORBIDDEN and change nothing when %s tries to retire', async (user, version) => {
    const id = await importVersion(version, true);
    const other = new GraphQLSession(t.baseUrl);
    await other.signInAs(USERS[user]);

    expect(codes(await other.request(RETIRE, { id }))).toEqual(['FORBIDDEN']);
    expect(await statusOf(id)).toBe('PUBLISHED');
  });
});
