import { TestBed } from '@angular/core/testing';
import { OrganizationKind } from '@cx/shared-domain';
import { GRAPHQL_FETCH } from '@cx/web-shared-data-access-graphql';
import { HomeStore, type Organization } from './home-store';
import { OrganizationProfile, toFieldErrors, validateWebsiteUrl } from './organization-profile';

const VHA: Organization = {
  id: 'vha',
  name: 'Veterans Health Administration',
  abbreviation: 'VHA',
  kind: OrganizationKind.BUREAU,
  parentId: 'va',
  isHisp: true,
  description: 'Health care for veterans.',
  websiteUrl: 'https://www.va.gov/health',
  version: 3,
  updatedAt: '2026-10-01T00:00:00Z',
};

describe(OrganizationProfile.name, () => {
  let fetchMock: jest.Mock;

  async function render(): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: [HomeStore, { provide: GRAPHQL_FETCH, useValue: fetchMock }] });
    const fixture = TestBed.createComponent(OrganizationProfile);
    fixture.componentRef.setInput('organization', VHA);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    (root.querySelector('button') as HTMLButtonElement).click();
    await fixture.whenStable();
    return root;
  }

  async function submit(root: HTMLElement, website: string): Promise<void> {
    const input = root.querySelector<HTMLInputElement>('#org-vha-website')!;
    input.value = website;
    input.dispatchEvent(new Event('input'));
    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  beforeEach(() => {
    fetchMock = jest.fn();
  });

  it('should show the API field error next to the field when the API answers BAD_USER_INPUT', async () => {
    fetchMock.mockResolvedValue({
      status: 200,
      json: async () => ({
        data: null,
        errors: [
          {
            message: 'Fix the errors.',
            extensions: {
              code: 'BAD_USER_INPUT',
              fieldErrors: [{ path: 'input.description', message: 'Keep the description under 2,000 characters.' }],
            },
          },
        ],
      }),
    } as Response);
    const root = await render();

    await submit(root, 'https://www.va.gov/health');

    const sent = JSON.parse(String(fetchMock.mock.calls[0][1].body)) as { variables: { input: { expectedVersion: number } } };
    expect(sent.variables.input.expectedVersion).toBe(3);
    const textarea = root.querySelector('#org-vha-description')!;
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    expect(textarea.getAttribute('aria-describedby')).toBe('org-vha-description-error');
    expect(root.querySelector('#org-vha-description-error')?.textContent).toContain('Keep the description under 2,000 characters.');
    expect(root.querySelector('[data-testid="error-summary"]')?.textContent).toContain('Keep the description under 2,000 characters.');
  });

  it('should offer a reload when the API answers CONFLICT', async () => {
    fetchMock.mockResolvedValue({
      status: 200,
      json: async () => ({ data: null, errors: [{ message: 'stale', extensions: { code: 'CONFLICT' } }] }),
    } as Response);
    const root = await render();

    await submit(root, 'https://www.va.gov/health');

    expect(root.textContent).toContain('Someone else changed this profile');
    expect([...root.querySelectorAll('button')].some((b) => b.textContent?.includes('Reload profile'))).toBe(true);
  });

  it('should not call the API when the website is not a web address', async () => {
    const root = await render();

    await submit(root, 'va dot gov');

    expect(fetchMock).not.toHaveBeenCalled();
    expect(root.querySelector('#org-vha-website')?.getAttribute('aria-describedby')).toBe('org-vha-website-hint org-vha-website-error');
  });
});

describe('profile form helpers', () => {
  it('should map API paths to form fields when paths are prefixed with input', () => {
    expect(
      toFieldErrors([
        { path: 'input.websiteUrl', message: 'Bad' },
        { path: 'id', message: 'x' },
      ]),
    ).toEqual({ websiteUrl: 'Bad' });
  });

  it('should accept an empty website when the field is cleared', () => {
    expect(validateWebsiteUrl('')).toBeNull();
    expect(validateWebsiteUrl('ftp://x.gov')).not.toBeNull();
  });
});
