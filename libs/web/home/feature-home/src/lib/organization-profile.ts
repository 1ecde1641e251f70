import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { ErrorCode } from '@cx/shared-domain';
import { isGraphqlRequestError } from '@cx/web-shared-data-access-graphql';
import { Alert, ErrorSummary, type ErrorSummaryItem } from '@cx/web-shared-ui';
import { HomeStore, type Organization } from './home-store';

type ProfileField = 'description' | 'websiteUrl';
type FieldErrors = Partial<Record<ProfileField, string>>;

const FIELD_NAMES: readonly ProfileField[] = ['description', 'websiteUrl'];

/** Client-side check for the website; the API validates again and its messages are shown the same way. */
export function validateWebsiteUrl(value: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return null;
  } catch {
    // fall through to the message below
  }
  return 'Enter a full web address that starts with https://, for example https://www.va.gov.';
}

/** Maps API field paths such as `input.websiteUrl` to the form's fields. */
export function toFieldErrors(errors: readonly { path: string; message: string }[]): FieldErrors {
  const result: FieldErrors = {};
  for (const { path, message } of errors) {
    const field = FIELD_NAMES.find((name) => path === name || path.endsWith(`.${name}`));
    if (field && !result[field]) result[field] = message;
  }
  return result;
}

/** A CX lead's organization profile: read view plus an edit form with field-level errors and conflict handling. */
@Component({
  selector: 'cx-organization-profile',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, ErrorSummary],
  templateUrl: './organization-profile.html',
})
export class OrganizationProfile {
  readonly organization = input.required<Organization>();
  readonly departmentName = input<string | null>(null);

  private readonly store = inject(HomeStore);

  protected readonly editing = signal(false);
  protected readonly saving = signal(false);
  protected readonly description = signal('');
  protected readonly websiteUrl = signal('');
  protected readonly fieldErrors = signal<FieldErrors>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly conflict = signal(false);
  protected readonly saved = signal(false);

  protected readonly ids = computed(() => {
    const base = `org-${this.organization().id}`;
    return {
      heading: `${base}-heading`,
      description: `${base}-description`,
      descriptionError: `${base}-description-error`,
      website: `${base}-website`,
      websiteHint: `${base}-website-hint`,
      websiteError: `${base}-website-error`,
    };
  });

  protected readonly summary = computed<ErrorSummaryItem[]>(() => {
    const errors = this.fieldErrors();
    const ids = this.ids();
    const items: ErrorSummaryItem[] = [];
    if (errors.description) items.push({ fieldId: ids.description, message: errors.description });
    if (errors.websiteUrl) items.push({ fieldId: ids.website, message: errors.websiteUrl });
    return items;
  });

  protected readonly websiteDescribedBy = computed(() =>
    [this.ids().websiteHint, this.fieldErrors().websiteUrl ? this.ids().websiteError : null].filter(Boolean).join(' '),
  );

  protected startEditing(): void {
    const org = this.organization();
    this.description.set(org.description ?? '');
    this.websiteUrl.set(org.websiteUrl ?? '');
    this.fieldErrors.set({});
    this.formError.set(null);
    this.conflict.set(false);
    this.saved.set(false);
    this.editing.set(true);
  }

  protected cancel(): void {
    this.editing.set(false);
    this.fieldErrors.set({});
    this.conflict.set(false);
    this.formError.set(null);
  }

  protected onInput(field: ProfileField, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    (field === 'description' ? this.description : this.websiteUrl).set(value);
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const description = this.description().trim();
    const websiteUrl = this.websiteUrl().trim();
    const websiteProblem = validateWebsiteUrl(websiteUrl);
    this.formError.set(null);
    this.conflict.set(false);
    if (websiteProblem) {
      this.fieldErrors.set({ websiteUrl: websiteProblem });
      return;
    }
    this.fieldErrors.set({});
    this.saving.set(true);
    try {
      await this.store.updateProfile(this.organization(), {
        description: description || null,
        websiteUrl: websiteUrl || null,
      });
      this.editing.set(false);
      this.saved.set(true);
    } catch (error) {
      if (isGraphqlRequestError(error, ErrorCode.BAD_USER_INPUT) && error.fieldErrors.length > 0) {
        this.fieldErrors.set(toFieldErrors(error.fieldErrors));
        if (this.summary().length === 0) this.formError.set(error.message);
      } else if (isGraphqlRequestError(error, ErrorCode.CONFLICT)) {
        this.conflict.set(true);
      } else {
        this.formError.set(error instanceof Error ? error.message : 'We could not save the profile. Try again.');
      }
    } finally {
      this.saving.set(false);
    }
  }

  protected async reload(): Promise<void> {
    try {
      await this.store.reloadOrganization(this.organization().id);
      this.startEditing();
    } catch (error) {
      this.formError.set(error instanceof Error ? error.message : 'We could not reload the profile. Try again.');
    }
  }
}
