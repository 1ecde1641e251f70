import { StatementCounter } from '@cx/api-shared-database';

import { GraphQLSession, USERS } from './support/graphql-session';
import { ENGINES, startTestApp, type TestApp } from './support/test-app';

const LOAD = `query($id: ID!) { assessment(id: $id) {
  id framework { domains { criteria { code levels { descriptor } } } }
  responses { criterionCode level assignee { displayName } updatedBy { displayName } }
  targets { domainCode } evidence { id } scores { total domains { score gap criteriaBelowTarget } } yearOverYear { change } } }`;

/** What the web app asks for after each autosave. */
const SAVE = `mutation($input: SaveCriterionResponseInput!) { saveCriterionResponse(input: $input) {
  assessmentStatus response { version updatedBy { displayName } assignee { displayName } } scores { total domains { score gap } } } }`;

/** A valid framework file with `domains` × `perDomain` criteria. */
function framework(code: string, domains: number, perDomain: number): Record<string, unknown> {
  const scale = [1, 2, 3].map((value) => ({ value, label: `Level ${value}`, definition: `Definition ${value}.` }));
  return {
    code,
    name: `Size test ${code}`,
    version: '1.0',
    effectiveFiscalYear: 2030,
    kind: 'CAPACITY',
    description: 'Synthetic framework for statement counting.',
    countsTowardTotal: true,
    scale: { levels: scale },
    scoring: { method: 'MEAN_LEVEL_SCALED', domainMaxPoints: 7, description: 'Weighted mean level, scaled.' },
    domains: Array.from({ length: domains }, (_, d) => ({
      code: `${code}-D${d}`,
      name: `Domain ${d}`,
      description: 'A domain.',
      criteria: Array.from({ length: perDomain }, (_, c) => ({
        code: `${code}-D${d}-C${c}`,
        statement: `Statement ${c}.`,
        guidance: 'Guidance.',
        evidencePrompt: 'Evidence.',
        weight: 1,
        levels: scale.map((l) => ({ value: l.value, descriptor: `Descriptor ${l.value}.` })),
      })),
    })),
  };
}

describe.each(ENGINES)('statements to load a whole assessment and to save an answer on %s', (engine) => {
  const counter = new StatementCounter();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, {}, undefined, { sqlLogger: counter });
  });
  afterAll(() => t.close());

  it('should be the same for 10 and 100 criteria with every answer, target, assignment and evidence filled in', async () => {
    const admin = new GraphQLSession(t.baseUrl);
    await admin.signInAs(USERS.ombAdmin);
    const lead = new GraphQLSession(t.baseUrl);
    const { userId } = await lead.signInAs(USERS.vhaLead);
    const counts: number[] = [];
    const saves: number[] = [];
    for (const [year, code, domains, perDomain] of [
      [2030, 'SIZE10', 2, 5],
      [2031, 'SIZE100', 10, 10],
    ] as const) {
      const imported = await admin.request<{ importFramework: { framework: { id: string } } }>(
        `mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { framework { id } } }`,
        { input: { fileContent: JSON.stringify(framework(code, domains, perDomain)), publish: true } },
      );
      const frameworkVersionId = imported.data!.importFramework.framework.id;
      const opened = await admin.request(`mutation($input: OpenCycleInput!) { openCycle(input: $input) { assessmentsCreated } }`, {
        input: {
          fiscalYear: year,
          frameworkVersionId,
          assessmentDueOn: `${year}-01-10`,
          draftPlanDueOn: `${year}-04-10`,
          finalPlanDueOn: `${year}-09-10`,
        },
      });
      expect(opened.errors).toBeUndefined();
      const [a]: Array<{ id: string }> = await t.dataSource.query(
        `SELECT a.id FROM assessment a JOIN organization o ON o.id = a.organization_id JOIN cycle c ON c.id = a.cycle_id WHERE o.abbreviation = 'VHA' AND c.fiscal_year = $1`,
        [year],
      );
      const id = a!.id;
      await t.dataSource.query(
        `INSERT INTO criterion_response (assessment_id, framework_version_id, criterion_code, level, rationale, assignee_user_id, updated_by_user_id)
         SELECT $1, $2, c ->> 'code', 2, 'Because.', $3, $3
           FROM framework_version f, jsonb_array_elements(f.definition -> 'domains') d, jsonb_array_elements(d -> 'criteria') c WHERE f.id = $2`,
        [id, frameworkVersionId, userId],
      );
      await t.dataSource.query(
        `INSERT INTO domain_target (assessment_id, framework_version_id, domain_code, target_level)
         SELECT $1, $2, d ->> 'code', 3 FROM framework_version f, jsonb_array_elements(f.definition -> 'domains') d WHERE f.id = $2`,
        [id, frameworkVersionId],
      );
      await t.dataSource.query(
        `INSERT INTO evidence (assessment_id, criterion_code, kind, title, url)
         SELECT $1, criterion_code, 'LINK', 'Link', 'https://example.gov' FROM criterion_response WHERE assessment_id = $1`,
        [id],
      );
      await lead.request(LOAD, { id });
      counter.reset();
      const res = await lead.request<{ assessment: { responses: unknown[]; evidence: unknown[] } }>(LOAD, { id });
      expect(res.errors).toBeUndefined();
      expect(res.data?.assessment.responses).toHaveLength(domains * perDomain);
      expect(res.data?.assessment.evidence).toHaveLength(domains * perDomain);
      counts.push(counter.count);

      counter.reset();
      const saved = await lead.request<{ saveCriterionResponse: { response: { version: number } } }>(SAVE, {
        input: { assessmentId: id, criterionCode: `${code}-D0-C0`, expectedVersion: 1, level: 3 },
      });
      expect(saved.errors).toBeUndefined();
      expect(saved.data?.saveCriterionResponse.response.version).toBe(2);
      saves.push(counter.count);
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
    // Autosave of an assessment this process has read: the session, then one statement that checks, locks, writes
    // and records the audit event; no BEGIN/COMMIT, and the scores need no statement.
    expect(saves[1]).toBe(saves[0]);
    expect(saves[0]).toBe(2);
  });
});
