import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { ENGINES, startTestApp, type TestApp } from './support/test-app';

const UPDATE = `mutation($input: UpdateOrganizationProfileInput!) {
  updateOrganizationProfile(input: $input) { id version description websiteUrl }
}`;

interface Org {
  id: string;
  version: number;
  description: string | null;
  websiteUrl: string | null;
}

describe.each(ENGINES)('organization profile on %s', (engine) => {
  let t: TestApp;
  let lead: GraphQLSession;
  beforeAll(async () => {
    t = await startTestApp(engine);
    lead = new GraphQLSession(t.baseUrl);
    await lead.signInAs(USERS.femaLead);
  });
  afterAll(() => t.close());

  const fema = async (): Promise<Org> => {
    const [row]: Org[] = await t.dataSource.query(
      `SELECT id, version, description, website_url AS "websiteUrl" FROM organization WHERE abbreviation = 'FEMA'`,
    );
    if (!row) throw new Error('FEMA missing');
    return row;
  };

  it('should save, bump the version and audit the before/after values in the same change', async () => {
    const before = await fema();
    const res = await lead.request<{ updateOrganizationProfile: Org }>(UPDATE, {
      input: {
        id: before.id,
        expectedVersion: before.version,
        description: '  Help after disasters.  ',
        websiteUrl: 'https://www.fema.gov/assistance',
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateOrganizationProfile).toEqual({
      id: before.id,
      version: before.version + 1,
      description: 'Help after disasters.',
      websiteUrl: 'https://www.fema.gov/assistance',
    });
    const [event]: Array<{
      changes: Record<string, { before: unknown; after: unknown }>;
      outcome: string;
      actor_display_name: string;
      request_id: string | null;
    }> = await t.dataSource.query(
      `SELECT changes, outcome, actor_display_name, request_id FROM audit_event WHERE action = 'organization.update_profile' AND subject_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
      [before.id],
    );
    expect(event?.outcome).toBe('SUCCESS');
    expect(event?.actor_display_name).toBe('Samuel Ortiz');
    expect(event?.request_id).toBeTruthy();
    expect(event?.changes).toEqual({
      description: { before: before.description, after: 'Help after disasters.' },
      websiteUrl: { before: before.websiteUrl, after: 'https://www.fema.gov/assistance' },
    });
  });

  it('should answer CONFLICT with the current values when someone else saved first', async () => {
    const current = await fema();
    const stale = current.version - 1;
    const res = await lead.request(UPDATE, { input: { id: current.id, expectedVersion: stale, description: 'stale edit' } });
    expect(codes(res)).toEqual(['CONFLICT']);
    expect(res.errors?.[0]?.extensions).toMatchObject({ currentVersion: current.version, current: { description: current.description } });
    expect((await fema()).description).toBe(current.description);
  });

  it('should let exactly one of two simultaneous saves of the same version win', async () => {
    const current = await fema();
    const other = new GraphQLSession(t.baseUrl);
    await other.signInAs(USERS.ombAdmin);
    const results = await Promise.all([
      lead.request(UPDATE, { input: { id: current.id, expectedVersion: current.version, description: 'lead wins' } }),
      other.request(UPDATE, { input: { id: current.id, expectedVersion: current.version, description: 'admin wins' } }),
    ]);
    const outcome = results.map((r) => codes(r)[0] ?? 'OK').sort();
    expect(outcome).toEqual(['CONFLICT', 'OK']);
    expect((await fema()).version).toBe(current.version + 1);
  });

  it('should report each bad field by path in plain language and save nothing', async () => {
    const current = await fema();
    const res = await lead.request(UPDATE, {
      input: { id: current.id, expectedVersion: current.version, websiteUrl: 'javascript:alert(1)', description: 'x'.repeat(2001) },
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const fieldErrors = res.errors?.[0]?.extensions?.fieldErrors ?? [];
    expect(fieldErrors.map((e) => e.path).sort()).toEqual(['input.description', 'input.websiteUrl']);
    expect(fieldErrors.find((e) => e.path === 'input.websiteUrl')?.message).toMatch(/starts with https:\/\//);
    expect(await fema()).toEqual(current);
  });

  it('should refuse unknown input fields', async () => {
    const current = await fema();
    const res = await lead.request(UPDATE, { input: { id: current.id, expectedVersion: current.version, isHisp: false } });
    expect(res.errors?.length).toBe(1);
    expect(await fema()).toEqual(current);
  });
});
