import { getNamedType, type GraphQLOutputType, type GraphQLSchema, isLeafType, isNonNullType, isObjectType } from 'graphql';

import { GraphQLSession, type GraphQLResult, USERS } from './support/graphql-session';
import { FORGED_ID } from './support/operation-synth';
import { assessmentIdOf, createTestDatabase, ENGINES, startTestApp, type TestApp, type TestDatabase } from './support/test-app';

/** Room for the whole-type selections below, which go deeper and wider than the web app's queries. */
const LIMITS = { GRAPHQL_MAX_DEPTH: '12', GRAPHQL_MAX_COMPLEXITY: '100000', GRAPHQL_MAX_ALIASES: '50' };

/** Every field of the type that needs no argument, nested `depth` levels: new fields are compared without editing this test. */
function selectAll(schema: GraphQLSchema, type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named) || !isObjectType(named)) return '';
  const fields = Object.values(named.getFields())
    .filter((f) => f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined))
    .map((f) => {
      if (isLeafType(getNamedType(f.type))) return f.name;
      return depth > 0 ? `${f.name} ${selectAll(schema, f.type, depth - 1)}` : '';
    })
    .filter(Boolean);
  return `{ ${fields.join(' ')} }`;
}

/** The same signed-in browser, talking to another API process. */
function sameSessionOn(baseUrl: string, session: GraphQLSession): GraphQLSession {
  const other = new GraphQLSession(baseUrl);
  other.cookie = session.cookie;
  other.csrfToken = session.csrfToken;
  return other;
}

const SAVE = 'mutation($input: SaveCriterionResponseInput!) { saveCriterionResponse(input: $input) { response { version } } }';

const body = (r: GraphQLResult): unknown => ({ status: r.status, data: r.data, errors: r.errors });

// Two API processes on one database: the default (graphql-jit) and GRAPHQL_EXECUTION=standard (graphql-js).
describe.each(ENGINES.filter((e) => e === 'postgres'))('GraphQL execution, compiled and standard, on %s', (engine) => {
  let db: TestDatabase;
  let compiled: TestApp;
  let standard: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    compiled = await startTestApp(engine, LIMITS, db);
    standard = await startTestApp(engine, { ...LIMITS, GRAPHQL_EXECUTION: 'standard', SEED_ON_START: 'never' }, db);
    // Answers of every kind, a target, evidence and an assignment, so that the reads compare real content.
    const lead = new GraphQLSession(compiled.baseUrl);
    await lead.signInAs(USERS.vhaLead);
    const contributor = await new GraphQLSession(compiled.baseUrl).signInAs(USERS.vhaContributor);
    const id = await assessmentIdOf(compiled.dataSource, 'VHA');
    const detail = await lead.request<{
      assessment: { framework: { domains: Array<{ code: string; criteria: Array<{ code: string }> }> } };
    }>('query($id: ID!) { assessment(id: $id) { framework { domains { code criteria { code } } } } }', { id });
    const domains = detail.data?.assessment.framework.domains ?? [];
    const [first, second, third] = domains.flatMap((d) => d.criteria.map((c) => c.code));
    const steps: Array<[string, Record<string, unknown>]> = [
      [
        SAVE,
        {
          input: {
            assessmentId: id,
            criterionCode: first,
            expectedVersion: 0,
            level: 3,
            rationale: 'Surveys after each visit.',
            markedForReview: true,
          },
        },
      ],
      [
        SAVE,
        { input: { assessmentId: id, criterionCode: second, expectedVersion: 0, notApplicable: true, rationale: 'No such service.' } },
      ],
      [
        'mutation($input: SaveDomainTargetInput!) { saveDomainTarget(input: $input) { id } }',
        { input: { assessmentId: id, domainCode: domains[0]?.code, expectedVersion: 0, targetLevel: 4 } },
      ],
      [
        'mutation($input: AddEvidenceLinkInput!) { addEvidenceLink(input: $input) { id } }',
        { input: { assessmentId: id, criterionCode: first, title: 'Survey results', url: 'https://example.gov/results' } },
      ],
      [
        'mutation($input: AssignCriteriaInput!) { assignCriteria(input: $input) { id } }',
        { input: { assessmentId: id, criterionCodes: [third], assigneeUserId: contributor.userId, dueOn: '2027-03-01' } },
      ],
    ];
    for (const [query, variables] of steps) {
      const res = await lead.request(query, variables);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
  });
  afterAll(async () => {
    await standard.close();
    await compiled.close();
    await db.drop();
  });

  /** Runs the operation on both processes, one after the other, and returns both answers. */
  async function both(session: GraphQLSession, query: string, variables?: Record<string, unknown>): Promise<[unknown, unknown]> {
    const a = await session.request(query, variables);
    const b = await sameSessionOn(standard.baseUrl, session).request(query, variables);
    return [body(a), body(b)];
  }

  it.each([
    ['a CX lead', USERS.vhaLead],
    ['an OMB reviewer, who sees only the progress of drafts', USERS.ombReviewer],
    ['a contributor', USERS.vhaContributor],
  ])('should answer every read the same, field for field, when %s asks', async (_, email) => {
    const session = new GraphQLSession(compiled.baseUrl);
    await session.signInAs(email);
    const query = compiled.schema.getQueryType();
    const field = (name: string) => query?.getFields()[name]?.type as GraphQLOutputType;
    const list = await session.request<{ assessments: Array<{ id: string }> }>('{ assessments { id } }');
    const ids = list.data?.assessments.map((a) => a.id) ?? [];
    expect(ids.length).toBeGreaterThan(0);
    for (const name of ['viewer', 'assessments', 'myAssignments', 'cycles', 'currentCycle', 'frameworkVersions', 'organizations']) {
      const [a, b] = await both(session, `{ ${name} ${selectAll(compiled.schema, field(name), 5)} }`);
      expect({ name, result: a }).toEqual({ name, result: b });
      // Some reads are not for every role (OMB has no assignments); everything else must succeed.
      const refused = ((a as GraphQLResult).errors ?? []).map((e) => e.extensions?.code);
      expect({ name, refused: refused.filter((c) => c !== 'FORBIDDEN') }).toEqual({ name, refused: [] });
    }
    let answered = 0;
    for (const id of ids) {
      const [a, b] = await both(session, `query($id: ID!) { assessment(id: $id) ${selectAll(compiled.schema, field('assessment'), 5)} }`, {
        id,
      });
      expect(a).toEqual(b);
      expect((a as { errors?: unknown }).errors).toBeUndefined();
      answered += (JSON.stringify(a).match(/"rationale"/g) ?? []).length;
    }
    // The answers saved above are part of what is compared (OMB sees none in drafts).
    if (email !== USERS.ombReviewer) expect(answered).toBeGreaterThanOrEqual(2);
  });

  it('should refuse bad input, unknown ids and other agencies’ records with the same errors', async () => {
    const lead = new GraphQLSession(compiled.baseUrl);
    await lead.signInAs(USERS.vhaLead);
    const fema = new GraphQLSession(compiled.baseUrl);
    await fema.signInAs(USERS.femaLead);
    const admin = new GraphQLSession(compiled.baseUrl);
    await admin.signInAs(USERS.ombAdmin);
    const vha = await assessmentIdOf(compiled.dataSource, 'VHA');
    const cases: Array<[GraphQLSession, string, Record<string, unknown>]> = [
      [lead, 'query($id: ID!) { assessment(id: $id) { id } }', { id: FORGED_ID }],
      [lead, 'query($id: ID!) { assessment(id: $id) { id } }', { id: { not: 'an id' } }],
      [fema, 'query($id: ID!) { assessment(id: $id) { id status } }', { id: vha }],
      [lead, 'query { auditEvents(first: 500) { totalCount } }', {}],
      // `publish` is left out: its default applies before the file is read.
      [
        admin,
        'mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { created } }',
        { input: { fileContent: '{ not json' } },
      ],
      [
        lead,
        'mutation($input: SaveCriterionResponseInput!) { saveCriterionResponse(input: $input) { response { level } } }',
        { input: { assessmentId: vha, criterionCode: 'NOPE-1', expectedVersion: 0, level: 9, rationale: 'x'.repeat(5000) } },
      ],
    ];
    for (const [session, query, variables] of cases) {
      const [a, b] = await both(session, query, variables);
      expect(a).toEqual(b);
      expect((a as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
    }
  });

  it('should return the same scores and answer after the same save on either process', async () => {
    const lead = new GraphQLSession(compiled.baseUrl);
    await lead.signInAs(USERS.vhaLead);
    const id = await assessmentIdOf(compiled.dataSource, 'VHA');
    const payload = compiled.schema.getMutationType()?.getFields()['saveCriterionResponse']?.type as GraphQLOutputType;
    const mutation = `mutation($input: SaveCriterionResponseInput!) { saveCriterionResponse(input: $input) ${selectAll(compiled.schema, payload, 5)} }`;
    const read = await lead.request<{
      assessment: {
        framework: { domains: Array<{ criteria: Array<{ code: string }> }> };
        responses: Array<{ criterionCode: string; version: number }>;
      };
    }>('query($id: ID!) { assessment(id: $id) { framework { domains { criteria { code } } } responses { criterionCode version } } }', {
      id,
    });
    const code = read.data?.assessment.framework.domains[1]?.criteria[0]?.code;
    const version = read.data?.assessment.responses.find((r) => r.criterionCode === code)?.version ?? 0;
    const input = (expectedVersion: number) => ({
      input: { assessmentId: id, criterionCode: code, expectedVersion, level: 2, rationale: 'Same answer.' },
    });
    type Saved = { saveCriterionResponse: { response: Record<string, unknown>; scores: unknown } };
    const a = await lead.request<Saved>(mutation, input(version));
    const b = await sameSessionOn(standard.baseUrl, lead).request<Saved>(mutation, input(version + 1));
    const comparable = (r: GraphQLResult<Saved>) => {
      const saved = r.data?.saveCriterionResponse;
      const { version: _v, updatedAt: _u, ...response } = saved?.response ?? {};
      return { errors: r.errors, response, scores: saved?.scores };
    };
    expect(comparable(a)).toEqual(comparable(b));
    expect(comparable(a).scores).toBeTruthy();
  });

  it('should leave plain fields without a resolver only in the compiled process', () => {
    const plain = (t: TestApp) =>
      (t.schema.getType('FrameworkVersion') as { getFields(): Record<string, { resolve?: unknown }> }).getFields();
    expect(plain(compiled)['code']?.resolve).toBeUndefined();
    expect(plain(standard)['code']?.resolve).toBeDefined();
  });
});
