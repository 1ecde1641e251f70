import { TestBed } from '@angular/core/testing';
import { GRAPHQL_FETCH } from '@cx/web-shared-data-access-graphql';
import { FrameworkVersionsStore } from './framework-store';
import { FrameworkUpload } from './framework-upload';

const respond = (body: unknown) => ({ status: 200, json: async () => body }) as Response;
const query = (call: unknown[]): string => (JSON.parse(String((call[1] as RequestInit).body)) as { query: string }).query;

describe(FrameworkUpload.name, () => {
  let fetchMock: jest.Mock;

  async function render(): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: [FrameworkVersionsStore, { provide: GRAPHQL_FETCH, useValue: fetchMock }] });
    const fixture = TestBed.createComponent(FrameworkUpload);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  async function upload(root: HTMLElement, content: string | null): Promise<void> {
    const input = root.querySelector<HTMLInputElement>('#framework-file')!;
    // jsdom's File has no text(); browsers do.
    const files = content === null ? [] : [Object.assign(new File([content], 'framework.json'), { text: async () => content })];
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new Event('change'));
    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    TestBed.tick();
  }

  beforeEach(() => {
    fetchMock = jest.fn();
  });

  it('should list every problem with its path, tied to the file input, when the API refuses the file', async () => {
    fetchMock.mockResolvedValue(
      respond({
        data: null,
        errors: [
          {
            message: 'The framework file has 2 problems. Nothing was imported.',
            extensions: {
              code: 'BAD_USER_INPUT',
              fieldErrors: [
                { path: 'name', message: 'must not be empty' },
                { path: 'domains[2].criteria[4].levels', message: '3 descriptor(s) for a 5-level scale' },
              ],
            },
          },
        ],
      }),
    );
    const root = await render();

    await upload(root, '{"code":"A11-280-CAPACITY"}');

    const sent = JSON.parse(String((fetchMock.mock.calls[0][1] as RequestInit).body)) as { variables: { input: unknown } };
    expect(sent.variables.input).toEqual({ fileContent: '{"code":"A11-280-CAPACITY"}', publish: false });
    const summary = root.querySelector('[data-testid="error-summary"]')!;
    expect(summary.textContent).toContain('The file has 2 problems. Nothing was imported.');
    const items = [...summary.querySelectorAll('li')].map((li) => li.textContent?.trim());
    expect(items).toEqual(['name: must not be empty', 'domains[2].criteria[4].levels: 3 descriptor(s) for a 5-level scale']);
    expect(document.activeElement === summary || summary.contains(document.activeElement)).toBe(true);
    const input = root.querySelector('#framework-file')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = input.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy).toContain('framework-file-problems');
    expect(summary.querySelector('ul')?.id).toBe('framework-file-problems');
  });

  it('should ask for a file without calling the API when none is chosen', async () => {
    const root = await render();

    await upload(root, null);

    expect(fetchMock).not.toHaveBeenCalled();
    expect(root.querySelector('[data-testid="error-summary"]')?.textContent).toContain('Choose a framework file (.json) to upload.');
  });

  it('should confirm the import and refresh the list when the file is accepted', async () => {
    const framework = {
      id: 'fw',
      code: 'A11-280-CAPACITY',
      name: 'Capacity',
      version: '2028.1',
      kind: 'CAPACITY',
      status: 'DRAFT',
      effectiveFiscalYear: 2028,
      importedAt: '2027-10-01T00:00:00Z',
      publishedAt: null,
      domains: [],
    };
    fetchMock.mockImplementation(async (_url: string, init: RequestInit) =>
      String(init.body).includes('importFramework')
        ? respond({ data: { importFramework: { created: true, framework } } })
        : respond({ data: { frameworkVersions: [framework] } }),
    );
    const root = await render();

    await upload(root, '{}');

    expect(root.querySelector('[data-testid="import-success"]')?.textContent).toContain(
      'Imported A11-280-CAPACITY version 2028.1 as a draft.',
    );
    expect(root.querySelector('[data-testid="error-summary"]')).toBeNull();
    expect(fetchMock.mock.calls.map(query).some((q) => q.includes('frameworkVersions'))).toBe(true);
  });
});
