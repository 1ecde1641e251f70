import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Role, isOmbRole } from '@cx/shared-domain';
import { SessionStore } from '@cx/web-auth-data-access';
import { Alert, EmptyState, LoadingIndicator } from '@cx/web-shared-ui';
import { CycleDeadlines } from './cycle-deadlines';
import { HomeStore } from './home-store';
import { ContributorSection, CxLeadSection, ExecutiveSection, OmbSection } from './home-sections';

/** Role-aware home: each role the person holds adds its own section. */
@Component({
  selector: 'cx-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, EmptyState, LoadingIndicator, CycleDeadlines, CxLeadSection, ContributorSection, ExecutiveSection, OmbSection],
  providers: [HomeStore],
  template: `
    <div class="grid-container padding-y-4">
      <h1>Welcome, {{ firstName() }}</h1>
      <p class="usa-intro">Track your agency’s customer experience capacity work under OMB Circular A-11, Section 280.</p>

      @switch (store.status()) {
        @case ('error') {
          <cx-alert type="error" heading="Your home page did not load">
            {{ store.error() }}
            <div class="margin-top-1"><button type="button" class="usa-button" (click)="retry()">Try again</button></div>
          </cx-alert>
        }
        @case ('loaded') {
          @if (store.cycle(); as cycle) {
            <cx-cycle-deadlines [cycle]="cycle" />
          } @else {
            <section aria-labelledby="cycle-heading" class="margin-bottom-4">
              <h2 id="cycle-heading">Current cycle</h2>
              <cx-empty-state message="No reporting cycle is open right now. OMB will announce the next one." />
            </section>
          }
          @if (cxLeadAssignments().length > 0) {
            <cx-cx-lead-section [assignments]="cxLeadAssignments()" />
          }
          @if (isContributor()) {
            <cx-contributor-section />
          }
          @if (executiveAssignments().length > 0) {
            <cx-executive-section [assignments]="executiveAssignments()" />
          }
          @if (isOmb()) {
            <cx-omb-section [isAdmin]="isAdmin()" />
          }
        }
        @default {
          <cx-loading-indicator label="Loading your home page…" />
        }
      }
    </div>
  `,
})
export class HomePage {
  protected readonly store = inject(HomeStore);
  private readonly session = inject(SessionStore);

  protected readonly firstName = computed(() => this.session.user()?.displayName.split(' ')[0] ?? '');
  protected readonly cxLeadAssignments = computed(() => this.session.roleAssignments().filter((a) => a.role === Role.AGENCY_CX_LEAD));
  protected readonly executiveAssignments = computed(() => this.session.roleAssignments().filter((a) => a.role === Role.AGENCY_EXECUTIVE));
  protected readonly isContributor = computed(() => this.session.roles().includes(Role.AGENCY_CONTRIBUTOR));
  protected readonly isOmb = computed(() => this.session.roles().some(isOmbRole));
  protected readonly isAdmin = computed(() => this.session.roles().includes(Role.OMB_ADMIN));

  constructor() {
    void this.store.load();
  }

  protected retry(): void {
    void this.store.load();
  }
}
