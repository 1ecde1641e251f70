import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CycleStatus } from '@cx/shared-domain';
import { GRAPHQL_FETCH } from '@cx/web-shared-data-access-graphql';
import { CyclesPage } from './cycles-page';

const respond = (body: unknown) => ({ status: 200, json: async () => body }) as Response;

const framework = (id: string, status: string, kind = 'CAPACITY') => ({
  id,
  code: kind === 'CAPACITY' ? 'A11-280-CAPACITY' : 'CIVX',
  name: `${id} name`,
  version: '2027.1',
  kind,
  status,
  effectiveFiscalYear: 2027,
  importedAt: '2026-10-01T00:00:00Z',
  publishedAt: null,
  domains: [],
});

const LIST = {
  cycles: [
    {
      id: 'c27',
      fiscalYear: 2027,
      name: 'FY 2027',
      status: CycleStatus.OPEN,
      frameworkVersionId: 'published',
      assessmentDueOn: '2027-01-29',
      draftPlanDueOn: '2027-04-30',
      finalPlanDueOn: '2027-09-17',
    },
  ],
  frameworkVersions: [framework('published', 'PUBLISHED'), framework('draft', 'DRAFT'), framework('civx', 'PUBLISHED', 'SUPPLEMENTAL')],
};

describe(CyclesPage.name, () => {
  let fetchMock: jest.Mock;
  let openCycleAnswer: unknown;

  async function render(): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: GRAPHQL_FETCH, useValue: fetchMock }] });
    const fixture = TestBed.createComponent(CyclesPage);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function set(root: HTMLElement, id: string, value: string): void {
    const field = root.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!;
    field.value = value;
    field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
  }

  async function submit(root: HTMLElement): Promise<void> {
    set(root, 'cycle-fiscal-year', '2028');
    set(root, 'cycle-framework', 'published');
    set(root, 'cycle-assessment-due', '2028-03-01');
    set(root, 'cycle-draft-plan-due', '2028-02-01');
    set(root, 'cycle-final-plan-due', '2028-09-15');
    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    TestBed.tick();
  }

  beforeEach(() => {
    fetchMock = jest.fn(async (_url: string, init: RequestInit) =>
      respond(String(init.body).includes('openCycle') ? openCycleAnswer : { data: LIST }),
    );
  });

  it('should offer only published capacity frameworks', async () => {
    const root = await render();

    const options = [...root.querySelectorAll('#cycle-framework option')].map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual(['', 'published']);
    expect(root.querySelector('[data-testid="cycles-table"]')?.textContent).toContain('A11-280-CAPACITY 2027.1');
  });

  it('should show the API field error next to its field and in the summary when the API answers BAD_USER_INPUT', async () => {
    openCycleAnswer = {
      data: null,
      errors: [
        {
          message: 'Some of the information you entered needs to be fixed.',
          extensions: {
            code: 'BAD_USER_INPUT',
            fieldErrors: [{ path: 'input.draftPlanDueOn', message: 'The draft plan is due after the assessment.' }],
          },
        },
      ],
    };
    const root = await render();

    await submit(root);

    const field = root.querySelector('#cycle-draft-plan-due')!;
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe('cycle-draft-plan-due-hint cycle-draft-plan-due-error');
    expect(root.querySelector('#cycle-draft-plan-due-error')?.textContent).toContain('The draft plan is due after the assessment.');
    const summary = root.querySelector('[data-testid="error-summary"]')!;
    expect(summary.querySelector('a')?.getAttribute('href')).toBe('#cycle-draft-plan-due');
    expect(root.querySelector('#cycle-assessment-due')?.getAttribute('aria-invalid')).toBeNull();
  });

  it('should say how many assessments were created when the cycle opens', async () => {
    openCycleAnswer = { data: { openCycle: { assessmentsCreated: 15, cycle: { ...LIST.cycles[0], id: 'c28', fiscalYear: 2028 } } } };
    const root = await render();

    await submit(root);

    const sent = fetchMock.mock.calls.map((c) => JSON.parse(String((c[1] as RequestInit).body)) as { variables: { input?: unknown } });
    expect(sent.find((b) => b.variables.input)?.variables.input).toEqual({
      fiscalYear: 2028,
      frameworkVersionId: 'published',
      assessmentDueOn: '2028-03-01',
      draftPlanDueOn: '2028-02-01',
      finalPlanDueOn: '2028-09-15',
    });
    expect(root.querySelector('[data-testid="open-cycle-success"]')?.textContent).toContain('FY 2028 opened: 15 assessments created.');
  });
});
