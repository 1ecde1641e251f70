import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { AuditOutcome, Role } from '@cx/shared-domain';
import { SessionStore } from '@cx/web-auth-data-access';
import { Alert, EmptyState, LoadingIndicator } from '@cx/web-shared-ui';
import { AuditLogStore, EMPTY_AUDIT_FILTER, type AuditFilterForm } from './audit-log-store';

const OUTCOME_LABELS: Readonly<Record<AuditOutcome, string>> = {
  [AuditOutcome.SUCCESS]: 'Succeeded',
  [AuditOutcome.DENIED]: 'Denied',
  [AuditOutcome.FAILURE]: 'Failed',
};

/** Who did what, when: filterable and paged. For OMB administrators and agency CX leads. */
@Component({
  selector: 'cx-audit-log-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, EmptyState, LoadingIndicator],
  providers: [AuditLogStore],
  templateUrl: './audit-log-page.html',
})
export class AuditLogPage {
  protected readonly store = inject(AuditLogStore);
  private readonly session = inject(SessionStore);
  /** Only OMB administrators hold the whole trail, so only they check its hash chain. */
  protected readonly canCheckIntegrity = computed(() => this.session.hasRole(Role.OMB_ADMIN));
  protected readonly form = signal<AuditFilterForm>({ ...EMPTY_AUDIT_FILTER });
  protected readonly outcomes = Object.values(AuditOutcome);
  protected readonly outcomeLabels = OUTCOME_LABELS;

  constructor() {
    void this.store.applyFilter(this.form());
  }

  protected update(field: keyof AuditFilterForm, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value;
    this.form.update((form) => ({ ...form, [field]: value }));
  }

  protected apply(event: Event): void {
    event.preventDefault();
    void this.store.applyFilter(this.form());
  }

  protected clear(): void {
    this.form.set({ ...EMPTY_AUDIT_FILTER });
    void this.store.applyFilter(this.form());
  }

  protected formatTime(value: string): string {
    return new Date(value).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
  }
}
