import fc from 'fast-check';

import { type FuzzPools, type FuzzRequest, mutatedOperations, operations } from './support/graphql-fuzz';
import { GraphQLSession, USERS } from './support/graphql-session';
import { ENGINES, startTestApp, type TestApp } from './support/test-app';

/** quality.md §2.2: 2,000 well-formed and 500 malformed operations, on each engine. */
const RUNS = { valid: 2000, malformed: 500 } as const;
/** Ends the fuzzing user's session, which would leave the rest of the run unauthenticated. */
const EXCLUDED = ['signOut'];
const STACK_FRAME = /\n\s+at \S+ \(/;

/** What the answers were: outcomes by error code (or `data`), and which root fields were called and answered. */
interface Tally {
  outcomes: Map<string, number>;
  called: Set<string>;
  answered: Set<string>;
}

describe.each(ENGINES)('GraphQL fuzzing on %s', (engine) => {
  let t: TestApp;
  let admin: GraphQLSession;
  let lead: GraphQLSession;
  let pools: FuzzPools;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await GraphQLSession.signedIn(t.baseUrl, USERS.ombAdmin);
    lead = await GraphQLSession.signedIn(t.baseUrl, USERS.vhaLead);
    const column = async (sql: string): Promise<string[]> => ((await t.dataSource.query(sql)) as Array<{ v: string }>).map((r) => r.v);
    const assessments = await column('SELECT id::text AS v FROM assessment');
    // The CX lead's own agency's assessments, so that writes get past the scope check to what lies behind it.
    const vha = await column(
      `SELECT a.id::text AS v FROM assessment a JOIN organization o ON o.id = a.organization_id WHERE o.abbreviation = 'VHA'`,
    );
    const organizations = await column('SELECT id::text AS v FROM organization');
    const users = await column('SELECT id::text AS v FROM app_user');
    const frameworks = await column('SELECT id::text AS v FROM framework_version');
    const cycles = await column('SELECT id::text AS v FROM cycle');
    // Not the open cycle: closing it early in the run would turn every later write into "this cycle is closed".
    const closedCycles = await column(`SELECT id::text AS v FROM cycle WHERE status = 'CLOSED'`);
    const criteria = await column(
      `SELECT DISTINCT c->>'code' AS v FROM framework_version f, jsonb_array_elements(f.definition->'domains') d,
              jsonb_array_elements(d->'criteria') c`,
    );
    const domains = await column(
      `SELECT DISTINCT d->>'code' AS v FROM framework_version f, jsonb_array_elements(f.definition->'domains') d`,
    );
    const day = fc
      .date({ min: new Date('2026-01-01'), max: new Date('2031-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const url = fc.oneof(fc.webUrl(), fc.constantFrom('https://www.va.gov/', 'http://localhost/x', 'ftp://x.example'));
    pools = {
      ids: [...assessments, ...organizations, ...users, ...frameworks, ...closedCycles],
      strings: [...criteria, ...domains, ...(await column('SELECT abbreviation AS v FROM organization'))],
      byName: {
        assessmentId: fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...vha) },
          { weight: 1, arbitrary: fc.constantFrom(...assessments) },
        ),
        organizationId: fc.constantFrom(...organizations),
        frameworkVersionId: fc.constantFrom(...frameworks),
        cycleId: fc.constantFrom(...cycles),
        userId: fc.constantFrom(...users),
        assigneeUserId: fc.constantFrom(...users),
        actorUserId: fc.constantFrom(...users),
        id: fc.constantFrom(...organizations, ...frameworks, ...assessments, ...closedCycles),
        criterionCode: fc.constantFrom(...criteria),
        criterionCodes: fc.uniqueArray(fc.constantFrom(...criteria), { maxLength: 5 }),
        domainCode: fc.constantFrom(...domains),
        expectedVersion: fc.integer({ min: 0, max: 3 }),
        level: fc.integer({ min: 0, max: 6 }),
        targetLevel: fc.integer({ min: 0, max: 6 }),
        fiscalYear: fc.integer({ min: 2025, max: 2031 }),
        dueOn: day,
        assessmentDueOn: day,
        draftPlanDueOn: day,
        finalPlanDueOn: day,
        url,
        websiteUrl: url,
      },
    };
  }, 90_000);
  afterAll(() => t.close());

  /** Sends one request as a browser would (session cookie, CSRF token) and checks the answer. */
  const check = async (r: FuzzRequest, as: GraphQLSession, tally: Tally): Promise<void> => {
    const res = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: as.cookie ?? '', 'x-csrf-token': as.csrfToken ?? '' },
      body: r.body,
    });
    const text = await res.text();
    const outcome = (label: string): void => {
      tally.outcomes.set(label, (tally.outcomes.get(label) ?? 0) + 1);
      if (r.malformed !== undefined) return;
      tally.called.add(r.field);
      if (label === 'data') tally.answered.add(r.field);
    };
    // Never a failure inside the server, and never its internals, whatever was sent.
    if (res.status >= 500) throw new Error(`HTTP ${res.status} for ${r.body.slice(0, 500)}: ${text.slice(0, 300)}`);
    expect(STACK_FRAME.test(text)).toBe(false);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Refusals before GraphQL (a batch, a body that is not JSON) may be plain text, but only as a client error.
      expect(res.status).toBeGreaterThanOrEqual(400);
      return outcome(`HTTP ${res.status} (not JSON)`);
    }
    const errors = (body as { errors?: Array<{ extensions?: { code?: string; stacktrace?: unknown } }> }).errors ?? [];
    for (const e of errors) {
      expect({ field: r.field, code: e.extensions?.code }).not.toEqual({ field: r.field, code: 'INTERNAL_SERVER_ERROR' });
      expect(e.extensions?.stacktrace).toBeUndefined();
    }
    outcome(errors.length === 0 ? 'data' : (errors[0]?.extensions?.code ?? `HTTP ${res.status}`));
  };

  it('should answer every generated operation, well formed or not, without an internal error or internals', async () => {
    const valid = operations(t.schema, pools, EXCLUDED);
    const tally: Tally = { outcomes: new Map(), called: new Set(), answered: new Set() };
    const started = performance.now();
    for (const [arbitrary, numRuns] of [
      [valid, RUNS.valid],
      [mutatedOperations(valid), RUNS.malformed],
    ] as const) {
      await fc.assert(
        // Two in three as the CX lead, who may write answers; the rest as the OMB administrator, who may import and open.
        fc.asyncProperty(arbitrary, fc.nat(2), (r, who) => check(r, who === 0 ? admin : lead, tally)),
        { numRuns },
      );
    }
    // Still up and on its database after all of it.
    expect((await fetch(`${t.baseUrl}/health/ready`)).status).toBe(200);
    const { outcomes, called, answered } = tally;
    const total = [...outcomes.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(RUNS.valid + RUNS.malformed);
    // Well-formed operations must get past validation to the code behind it for most root fields, or the fuzzer
    // would test little more than the validation rules (23–26 of 32 did on each engine when this was written).
    expect(answered.size).toBeGreaterThanOrEqual(Math.ceil(called.size / 2));
    process.stdout.write(
      `GraphQL fuzzing on ${engine}: ${total} operations in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
        `${answered.size} of ${called.size} root fields answered with data at least once; outcomes: ` +
        `${[...outcomes.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}\n`,
    );
  }, 600_000);
});
