import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Alert, EmptyState, LoadingIndicator } from '@cx/web-shared-ui';
import { AssessmentListStore } from './assessment-store';
import { formatDate, percent, statusLabel } from './format';

/** The assessments in the viewer's scope for the current cycle, with progress per area. */
@Component({
  selector: 'cx-assessments-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, EmptyState, LoadingIndicator, RouterLink],
  providers: [AssessmentListStore],
  template: `
    <div class="grid-container padding-y-4">
      <h1>{{ items().length === 1 ? 'Capacity assessment' : 'Capacity assessments' }}</h1>
      @if (store.cycle(); as cycle) {
        <p class="usa-intro">{{ cycle.name }} · assessments are due {{ date(cycle.assessmentDueOn) }}.</p>
      }
      @switch (store.status()) {
        @case ('error') {
          <cx-alert type="error" heading="We could not load the assessments">{{ store.error() }}</cx-alert>
        }
        @case ('loaded') {
          @if (items().length === 0) {
            <cx-empty-state message="There are no assessments for you in the current cycle." />
          } @else {
            <div class="usa-table-container--scrollable" tabindex="0" role="region" aria-labelledby="assessments-caption">
              <table class="usa-table usa-table--striped" data-testid="assessments-table">
                <caption id="assessments-caption">
                  Assessments and how complete each area is
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Organization</th>
                    <th scope="col">Status</th>
                    <th scope="col">Overall</th>
                    @for (d of domainColumns(); track d.code) {
                      <th scope="col">{{ d.name }}</th>
                    }
                  </tr>
                </thead>
                <tbody>
                  @for (item of items(); track item.id) {
                    <tr>
                      <th scope="row">
                        <a class="usa-link" [routerLink]="['/assessments', item.id]">{{ item.organizationName }}</a>
                      </th>
                      <td>{{ status(item.status) }}</td>
                      <td>{{ pct(item.scores.completion) }}</td>
                      @for (d of item.scores.domains; track d.domainCode) {
                        <td>{{ d.answered }} of {{ d.applicable }} ({{ pct(d.completion) }})</td>
                      }
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }
        }
        @default {
          <cx-loading-indicator label="Loading assessments…" />
        }
      }
    </div>
  `,
})
export class AssessmentsPage {
  protected readonly store = inject(AssessmentListStore);
  protected readonly items = this.store.items;
  protected readonly domainColumns = computed(() =>
    (this.items()[0]?.scores.domains ?? []).map((d) => ({ code: d.domainCode, name: d.domainName })),
  );
  protected readonly status = statusLabel;
  protected readonly pct = percent;
  protected readonly date = formatDate;

  constructor() {
    void this.store.load();
  }
}
