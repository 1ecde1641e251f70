import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ErrorCode } from '@cx/shared-domain';
import { GRAPHQL_FETCH, GraphqlRequestError } from '@cx/web-shared-data-access-graphql';
import { frameworkActionError } from './framework-store';
import { FrameworkVersionsPage } from './framework-versions-page';

const respond = (body: unknown) => ({ status: 200, json: async () => body }) as Response;

const DRAFT = {
  id: 'fw-2028',
  code: 'A11-280-CAPACITY',
  name: 'Capacity',
  version: '2028.1',
  kind: 'CAPACITY',
  status: 'DRAFT',
  effectiveFiscalYear: 2028,
  importedAt: '2027-10-01T00:00:00Z',
  publishedAt: null,
  domains: [{ code: 'A', criteria: [{ code: 'A-1' }, { code: 'A-2' }] }],
};

describe(FrameworkVersionsPage.name, () => {
  let fetchMock: jest.Mock;

  async function render(): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: GRAPHQL_FETCH, useValue: fetchMock }] });
    const fixture = TestBed.createComponent(FrameworkVersionsPage);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const settle = async (): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    TestBed.tick();
  };

  beforeEach(() => {
    fetchMock = jest.fn(async (_url: string, init: RequestInit) =>
      respond(
        String(init.body).includes('publishFrameworkVersion')
          ? { data: { publishFrameworkVersion: { ...DRAFT, status: 'PUBLISHED', publishedAt: '2027-10-02T00:00:00Z' } } }
          : { data: { frameworkVersions: [DRAFT] } },
      ),
    );
  });

  it('should list each version with its domain and criterion counts', async () => {
    const root = await render();

    const row = root.querySelector('tr[data-version="A11-280-CAPACITY 2028.1"]')!;
    expect(row.textContent).toContain('Draft');
    expect(row.textContent).toContain('1 / 2');
  });

  it('should publish only after the confirm step', async () => {
    const root = await render();
    const publish = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes('Publish version 2028.1'))!;

    publish.click();
    await settle();

    expect(root.querySelector('[data-testid="confirm-text"]')?.textContent).toBe(
      'Publishing makes this version permanent: it can no longer be changed. Continue?',
    );
    expect(fetchMock.mock.calls.some((c) => String((c[1] as RequestInit).body).includes('publishFrameworkVersion'))).toBe(false);

    [...root.querySelectorAll('dialog button')].find((b) => b.textContent?.trim() === 'Publish version')!.dispatchEvent(new Event('click'));
    await settle();

    expect(root.querySelector('[data-testid="framework-action-result"]')?.textContent).toContain(
      'Published A11-280-CAPACITY version 2028.1.',
    );
    expect(root.querySelector('tr[data-version="A11-280-CAPACITY 2028.1"]')?.textContent).toContain('Published');
  });
});

describe('frameworkActionError', () => {
  it('should explain that a draft cannot be retired', () => {
    const error = new GraphqlRequestError(ErrorCode.CONFLICT, undefined, [], { status: 'DRAFT' });

    expect(frameworkActionError('retire', error)).toBe(
      'This version is still a draft, so it cannot be retired. Only a published version can be retired.',
    );
  });

  it('should explain that a retired version is already retired', () => {
    expect(frameworkActionError('retire', new GraphqlRequestError(ErrorCode.CONFLICT, undefined, [], { status: 'RETIRED' }))).toBe(
      'This version is already retired.',
    );
  });

  it('should explain that a version to publish is no longer a draft', () => {
    expect(frameworkActionError('publish', new GraphqlRequestError(ErrorCode.CONFLICT))).toMatch(/no longer a draft/);
  });
});
