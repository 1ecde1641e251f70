import { StatementCounter } from '@cx/api-shared-database';

import { GraphQLSession, USERS } from './support/graphql-session';
import { ENGINES, startTestApp, type TestApp } from './support/test-app';

/** Every list operation must cost the same number of SQL statements whatever the number of rows (no N+1). */
const OPERATIONS: Array<[string, keyof typeof USERS]> = [
  ['{ viewer { user { roles { role organization { name parentName } } } } }', 'irsLeadTreasExec'],
  ['{ organizations { id name parentName } }', 'ombReviewer'],
  ['{ organizations { id name parentName } }', 'vaExecutive'],
  ['{ auditEvents(first: 200) { items { id action } totalCount } }', 'ombAdmin'],
  ['{ demoUsers { id roleSummary } }', 'ombAdmin'],
  ['{ cycles { id } currentCycle { id } }', 'vhaContributor'],
  ['{ assessments { id organizationName status scores { completion domains { answered } } } }', 'ombReviewer'],
  ['{ assessments { id organizationName status scores { completion } } }', 'vaExecutive'],
];

async function addRows(t: TestApp, from: number, n: number): Promise<void> {
  const [va]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM organization WHERE abbreviation = 'VA'`);
  for (let i = from; i < from + n; i++) {
    const [org]: Array<{ id: string }> = await t.dataSource.query(
      `INSERT INTO organization (name, abbreviation, kind, parent_id, is_hisp) VALUES ($1, $2, 'BUREAU', $3, true) RETURNING id`,
      [`Bureau ${i}`, `B${i}`, va?.id],
    );
    // Each new HISP gets this year's assessment, with answers, as `openCycle` and the agency would give it.
    await t.dataSource.query(
      `INSERT INTO assessment (cycle_id, organization_id, framework_version_id, supplemental_framework_version_ids, status)
       SELECT c.id, $1, c.framework_version_id, '[]'::jsonb, 'IN_PROGRESS' FROM cycle c WHERE c.status = 'OPEN'`,
      [org?.id],
    );
    await t.dataSource.query(
      `INSERT INTO criterion_response (assessment_id, framework_version_id, criterion_code, level)
       SELECT a.id, a.framework_version_id, 'MEA-1', 3 FROM assessment a WHERE a.organization_id = $1`,
      [org?.id],
    );
    await t.dataSource.query(`INSERT INTO audit_event (action, outcome, actor_roles) VALUES ('test.filler', 'SUCCESS', '[]'::jsonb)`);
    await t.dataSource.query(`INSERT INTO app_user (email, display_name, is_demo) VALUES ($1, $2, true)`, [
      `filler${i}@example.test`,
      `Filler ${i}`,
    ]);
  }
}

describe.each(ENGINES)('SQL statements per operation on %s', (engine) => {
  const counter = new StatementCounter();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, {}, undefined, { sqlLogger: counter });
  });
  afterAll(() => t.close());

  it('should stay constant when the data grows tenfold', async () => {
    const sessions = new Map<string, GraphQLSession>();
    for (const [, user] of OPERATIONS) {
      if (sessions.has(user)) continue;
      const s = new GraphQLSession(t.baseUrl);
      await s.signInAs(USERS[user]);
      sessions.set(user, s);
    }
    const measure = async (): Promise<number[]> => {
      const counts: number[] = [];
      for (const [query, user] of OPERATIONS) {
        const s = sessions.get(user) as GraphQLSession;
        await s.request(query); // warm: session touch and metadata queries happen once
        counter.reset();
        const res = await s.request(query);
        expect(res.errors).toBeUndefined();
        counts.push(counter.count);
      }
      return counts;
    };
    const small = await measure();
    await addRows(t, 0, 10);
    const medium = await measure();
    await addRows(t, 10, 90);
    const large = await measure();
    expect(medium).toEqual(small);
    expect(large).toEqual(small);
    // One statement resolves the session; each list is then a fixed handful.
    for (const n of small) {
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(4);
    }
  });
});
