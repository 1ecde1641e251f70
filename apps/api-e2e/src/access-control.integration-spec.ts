import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { FORGED_ID, synthesizeOperations } from './support/operation-synth';
import { ENGINES, startTestApp, type TestApp } from './support/test-app';

/** Operations open without a session. Anything else must demand one. */
const PUBLIC_OPERATIONS = ['authOptions', 'demoUsers', 'signInDemo', 'viewer'];

const ALL = Object.keys(USERS) as Array<keyof typeof USERS>;
/** Who may call each operation at all (data scope is tested separately below). */
const ALLOWED: Record<string, Array<keyof typeof USERS>> = {
  auditEvents: ['ombAdmin', 'vhaLead', 'femaLead', 'irsLeadTreasExec'],
  auditIntegrity: ['ombAdmin'],
  currentCycle: ALL,
  cycles: ALL,
  organization: ALL,
  organizations: ALL,
  updateOrganizationProfile: ['ombAdmin', 'vhaLead', 'femaLead', 'irsLeadTreasExec'],
  extendSession: ALL,
  frameworkVersion: ALL,
  frameworkVersions: ALL,
  importFramework: ['ombAdmin'],
  publishFrameworkVersion: ['ombAdmin'],
  retireFrameworkVersion: ['ombAdmin'],
  openCycle: ['ombAdmin'],
  closeCycle: ['ombAdmin'],
  assessments: ALL,
  assessment: ALL,
  myAssignments: ['vhaLead', 'vhaContributor', 'vaExecutive', 'femaLead', 'irsLeadTreasExec'],
  saveCriterionResponse: ['vhaLead', 'vhaContributor', 'femaLead', 'irsLeadTreasExec'],
  saveDomainTarget: ['vhaLead', 'femaLead', 'irsLeadTreasExec'],
  assignCriteria: ['vhaLead', 'femaLead', 'irsLeadTreasExec'],
  carryForwardAssessment: ['vhaLead', 'femaLead', 'irsLeadTreasExec'],
  addAssessmentModule: ['vhaLead', 'femaLead', 'irsLeadTreasExec'],
  removeAssessmentModule: ['vhaLead', 'femaLead', 'irsLeadTreasExec'],
  addEvidenceLink: ['vhaLead', 'vhaContributor', 'femaLead', 'irsLeadTreasExec'],
  removeEvidence: ['vhaLead', 'vhaContributor', 'femaLead', 'irsLeadTreasExec'],
  assignableUsers: ['vhaLead', 'femaLead', 'irsLeadTreasExec'],
  touchAssessmentPresence: ALL,
};

const ORG = '{ id name abbreviation version description websiteUrl }';
const UPDATE = `mutation($input: UpdateOrganizationProfileInput!) { updateOrganizationProfile(input: $input) ${ORG} }`;

async function orgId(t: TestApp, abbreviation: string): Promise<{ id: string; version: number }> {
  const [row]: Array<{ id: string; version: number }> = await t.dataSource.query(
    'SELECT id, version FROM organization WHERE abbreviation = $1',
    [abbreviation],
  );
  if (!row) throw new Error(`no ${abbreviation}`);
  return row;
}

async function deniedEvents(t: TestApp, subjectId: string): Promise<number> {
  const rows: unknown[] = await t.dataSource.query(`SELECT 1 FROM audit_event WHERE outcome = 'DENIED' AND subject_id = $1`, [subjectId]);
  return rows.length;
}

describe.each(ENGINES)('access control on %s', (engine) => {
  let t: TestApp;
  const sessions = new Map<keyof typeof USERS, GraphQLSession>();
  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const key of ALL) {
      const s = new GraphQLSession(t.baseUrl);
      await s.signInAs(USERS[key]);
      sessions.set(key, s);
    }
  });
  afterAll(() => t.close());
  const as = (key: keyof typeof USERS): GraphQLSession => sessions.get(key) as GraphQLSession;

  it('should demand a session for every operation except the declared public ones', async () => {
    const anonymous = new GraphQLSession(t.baseUrl);
    const ops = synthesizeOperations(t.schema);
    expect(ops.length).toBeGreaterThan(8);
    for (const op of ops) {
      const res = await anonymous.request(op.document);
      const got = codes(res);
      if (PUBLIC_OPERATIONS.includes(op.field)) expect({ op: op.field, got }).not.toEqual({ op: op.field, got: ['UNAUTHENTICATED'] });
      else expect({ op: op.field, got }).toEqual({ op: op.field, got: ['UNAUTHENTICATED'] });
    }
  });

  it('should allow or forbid each operation by role for every seeded user (forged ids included)', async () => {
    const ops = synthesizeOperations(t.schema).filter((o) => !PUBLIC_OPERATIONS.includes(o.field) && o.field !== 'signOut');
    expect(ops.map((o) => o.field).sort()).toEqual(Object.keys(ALLOWED).sort());
    for (const op of ops) {
      for (const user of ALL) {
        const got = codes(await as(user).request(op.document));
        const allowed = ALLOWED[op.field]?.includes(user) ?? false;
        const cell = { op: op.field, user, forbidden: got.includes('FORBIDDEN') || got.includes('UNAUTHENTICATED') };
        expect(cell).toEqual({ op: op.field, user, forbidden: !allowed });
      }
    }
  });

  it('should list only the organizations in the user’s scope', async () => {
    const list = async (u: keyof typeof USERS) =>
      (
        (await as(u).request<{ organizations: Array<{ abbreviation: string }> }>('{ organizations { abbreviation } }')).data
          ?.organizations ?? []
      )
        .map((o) => o.abbreviation)
        .sort();
    expect(await list('vhaLead')).toEqual(['VHA']);
    expect(await list('vaExecutive')).toEqual(['VA', 'VBA', 'VHA']);
    expect(await list('irsLeadTreasExec')).toEqual(['IRS', 'TREAS']);
    expect((await list('ombReviewer')).length).toBe(15);
  });

  it('should forbid reading another agency’s record and audit the denial', async () => {
    const fema = await orgId(t, 'FEMA');
    const before = await deniedEvents(t, fema.id);
    const res = await as('vhaLead').request(`query($id: ID!) { organization(id: $id) ${ORG} }`, { id: fema.id });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.data).toBeNull();
    expect(await deniedEvents(t, fema.id)).toBe(before + 1);
  });

  it('should forbid changing another agency’s record, change nothing and audit the denial', async () => {
    const fema = await orgId(t, 'FEMA');
    const before = await deniedEvents(t, fema.id);
    const res = await as('vhaLead').request(UPDATE, { input: { id: fema.id, expectedVersion: fema.version, description: 'hijacked' } });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    const after = await orgId(t, 'FEMA');
    expect(after.version).toBe(fema.version);
    const [row]: Array<{ description: string | null }> = await t.dataSource.query('SELECT description FROM organization WHERE id = $1', [
      fema.id,
    ]);
    expect(row?.description).not.toBe('hijacked');
    expect(await deniedEvents(t, fema.id)).toBe(before + 1);
  });

  it('should forbid an executive from editing even inside their own department', async () => {
    const vha = await orgId(t, 'VHA');
    const read = await as('vaExecutive').request(`query($id: ID!) { organization(id: $id) { abbreviation } }`, { id: vha.id });
    expect(read.data).toEqual({ organization: { abbreviation: 'VHA' } });
    const write = await as('vaExecutive').request(UPDATE, { input: { id: vha.id, expectedVersion: vha.version, description: 'x' } });
    expect(codes(write)).toEqual(['FORBIDDEN']);
  });

  it('should let a lead with several roles edit only where they are lead', async () => {
    const treas = await orgId(t, 'TREAS');
    const irs = await orgId(t, 'IRS');
    expect(
      codes(await as('irsLeadTreasExec').request(UPDATE, { input: { id: treas.id, expectedVersion: treas.version, description: 'x' } })),
    ).toEqual(['FORBIDDEN']);
    const ok = await as('irsLeadTreasExec').request(UPDATE, {
      input: { id: irs.id, expectedVersion: irs.version, description: 'Taxpayer services' },
    });
    expect(ok.errors).toBeUndefined();
  });

  it('should answer NOT_FOUND for forged or malformed ids', async () => {
    expect(codes(await as('ombAdmin').request(`query($id: ID!) { organization(id: $id) { id } }`, { id: FORGED_ID }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(codes(await as('ombAdmin').request(`query($id: ID!) { organization(id: $id) { id } }`, { id: "1' OR '1'='1" }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('should show a CX lead only their own agency’s audit events', async () => {
    const vhaOrg = await orgId(t, 'VHA');
    await as('vhaLead').request(UPDATE, {
      input: { id: vhaOrg.id, expectedVersion: vhaOrg.version, websiteUrl: 'https://www.va.gov/health-care' },
    });
    const res = await as('vhaLead').request<{ auditEvents: { items: Array<{ organizationId: string | null }> } }>(
      '{ auditEvents(first: 200) { items { organizationId } } }',
    );
    const vha = await orgId(t, 'VHA');
    const orgs = new Set(res.data?.auditEvents.items.map((i) => i.organizationId));
    expect(res.data?.auditEvents.items.length).toBeGreaterThan(0);
    expect([...orgs]).toEqual([vha.id]);
    const all = await as('ombAdmin').request<{ auditEvents: { totalCount: number } }>('{ auditEvents { totalCount } }');
    expect(all.data?.auditEvents.totalCount).toBeGreaterThan(res.data?.auditEvents.items.length ?? 0);
  });
});
