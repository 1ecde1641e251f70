import { readFileSync } from 'node:fs';

import { A11_280_CAPACITY_FY2027_PATH } from '@cx/shared-assessment-model';

import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { ENGINES, startTestApp, type TestApp } from './support/test-app';

const IMPORT = `mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { created framework { id code version status } } }`;
const PUBLISH = `mutation($id: ID!) { publishFrameworkVersion(id: $id) { status } }`;
const OPEN = `mutation($input: OpenCycleInput!) { openCycle(input: $input) { assessmentsCreated cycle { fiscalYear status frameworkVersionId } } }`;

const shipped = (): Record<string, unknown> => JSON.parse(readFileSync(A11_280_CAPACITY_FY2027_PATH, 'utf8')) as Record<string, unknown>;

describe.each(ENGINES)('framework versions and cycles on %s', (engine) => {
  let t: TestApp;
  let admin: GraphQLSession;
  const count = async (table: string): Promise<number> =>
    ((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0]?.n ?? 0;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = new GraphQLSession(t.baseUrl);
    await admin.signInAs(USERS.ombAdmin);
  });
  afterAll(() => t.close());

  it('should reject a malformed framework file with every problem by path and import nothing', async () => {
    const before = await count('framework_version');
    const bad = shipped() as { domains: Array<{ code: string; criteria: Array<{ levels: unknown[] }> }>; version: string; name: string };
    bad.version = '2027.9';
    bad.name = '';
    bad.domains[2]!.criteria[4]!.levels = bad.domains[2]!.criteria[4]!.levels.slice(0, 3);
    bad.domains[1]!.code = bad.domains[0]!.code;
    const res = await admin.request(IMPORT, { input: { fileContent: JSON.stringify(bad) } });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const paths = res.errors?.[0]?.extensions?.fieldErrors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['name', 'domains[2].criteria[4].levels', 'domains[1].code']));
    expect(res.errors?.[0]?.extensions?.fieldErrors?.find((e) => e.path === 'domains[2].criteria[4].levels')?.message).toMatch(
      /3 descriptor\(s\) for a 5-level scale/,
    );
    expect(await count('framework_version')).toBe(before);
  });

  it('should report a file that is not JSON against the file field', async () => {
    const res = await admin.request(IMPORT, { input: { fileContent: '{ not json' } });
    expect(res.errors?.[0]?.extensions?.fieldErrors?.[0]?.path).toBe('input.fileContent');
  });

  it('should import a new version as a draft, publish it, and refuse to change it afterwards', async () => {
    const file = { ...shipped(), version: '2028.1', effectiveFiscalYear: 2028 };
    const first = await admin.request<{ importFramework: { created: boolean; framework: { id: string; status: string } } }>(IMPORT, {
      input: { fileContent: JSON.stringify(file) },
    });
    expect(first.data?.importFramework).toMatchObject({ created: true, framework: { status: 'DRAFT' } });
    const id = first.data?.importFramework.framework.id;
    expect((await admin.request(PUBLISH, { id })).data).toEqual({ publishFrameworkVersion: { status: 'PUBLISHED' } });
    const again = await admin.request<{ importFramework: { created: boolean } }>(IMPORT, { input: { fileContent: JSON.stringify(file) } });
    expect(again.data?.importFramework.created).toBe(false);
    const changed = { ...file, description: 'Changed after publishing' };
    expect(codes(await admin.request(IMPORT, { input: { fileContent: JSON.stringify(changed) } }))).toEqual(['CONFLICT']);
  });

  it('should refuse framework imports from anyone but an OMB administrator', async () => {
    const lead = new GraphQLSession(t.baseUrl);
    await lead.signInAs(USERS.vhaLead);
    expect(codes(await lead.request(IMPORT, { input: { fileContent: JSON.stringify(shipped()) } }))).toEqual(['FORBIDDEN']);
  });

  it('should open a cycle with one assessment per HISP in one go, and create nothing when run again', async () => {
    const [fw]: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM framework_version WHERE code = 'A11-280-CAPACITY' AND status = 'PUBLISHED' ORDER BY version LIMIT 1`,
    );
    const [hisps]: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM organization WHERE is_hisp`);
    const input = {
      fiscalYear: 2028,
      frameworkVersionId: fw?.id,
      assessmentDueOn: '2028-01-28',
      draftPlanDueOn: '2028-04-28',
      finalPlanDueOn: '2028-09-15',
    };
    const first = await admin.request<{ openCycle: { assessmentsCreated: number; cycle: { status: string } } }>(OPEN, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data?.openCycle).toMatchObject({ assessmentsCreated: hisps?.n, cycle: { status: 'OPEN' } });
    const second = await admin.request<{ openCycle: { assessmentsCreated: number } }>(OPEN, { input });
    expect(second.data?.openCycle.assessmentsCreated).toBe(0);
  });

  it('should refuse deadlines out of order and a framework that is not a published capacity framework', async () => {
    const [civx]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM framework_version WHERE code = 'CIVX' LIMIT 1`);
    const res = await admin.request(OPEN, {
      input: {
        fiscalYear: 2029,
        frameworkVersionId: civx?.id,
        assessmentDueOn: '2029-03-01',
        draftPlanDueOn: '2029-02-01',
        finalPlanDueOn: '2029-09-01',
      },
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.extensions?.fieldErrors?.map((e) => e.path).sort()).toEqual([
      'input.draftPlanDueOn',
      'input.frameworkVersionId',
    ]);
    const cycles: unknown[] = await t.dataSource.query(`SELECT 1 FROM cycle WHERE fiscal_year = 2029`);
    expect(cycles).toHaveLength(0);
  });
});
