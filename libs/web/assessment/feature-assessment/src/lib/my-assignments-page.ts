import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Alert, EmptyState, LoadingIndicator } from '@cx/web-shared-ui';
import { MyAssignmentsStore } from './assessment-store';
import { formatDate } from './format';

/** The questions assigned to the signed-in person, each linked to its place in the questionnaire. */
@Component({
  selector: 'cx-my-assignments-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, EmptyState, LoadingIndicator, RouterLink],
  providers: [MyAssignmentsStore],
  template: `
    <div class="grid-container padding-y-4">
      <h1>My assignments</h1>
      @switch (store.status()) {
        @case ('error') {
          <cx-alert type="error" heading="We could not load your assignments">{{ store.error() }}</cx-alert>
        }
        @case ('loaded') {
          @if (store.items().length === 0) {
            <cx-empty-state message="You have no assignments yet. Your CX lead will assign questions to you." />
          } @else {
            <div class="usa-table-container--scrollable" tabindex="0" role="region" aria-labelledby="assignments-caption">
              <table class="usa-table usa-table--striped" data-testid="assignments-table">
                <caption id="assignments-caption">
                  Questions assigned to you
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Organization</th>
                    <th scope="col">Area</th>
                    <th scope="col">Question</th>
                    <th scope="col">Due</th>
                    <th scope="col">Answered?</th>
                  </tr>
                </thead>
                <tbody>
                  @for (item of store.items(); track item.assessmentId + item.criterionCode) {
                    <tr>
                      <td>{{ item.organizationName }} (FY {{ item.fiscalYear }})</td>
                      <td>{{ item.domainName }}</td>
                      <th scope="row">
                        <a
                          class="usa-link"
                          [routerLink]="['/assessments', item.assessmentId, 'domains', item.domainCode]"
                          [fragment]="'criterion-' + item.criterionCode"
                          >{{ item.criterionCode }}: {{ item.statement }}</a
                        >
                      </th>
                      <td>{{ item.dueOn ? date(item.dueOn) : 'No due date' }}</td>
                      <td>{{ item.answered ? 'Yes' : 'Not yet' }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }
        }
        @default {
          <cx-loading-indicator label="Loading your assignments…" />
        }
      }
    </div>
  `,
})
export class MyAssignmentsPage {
  protected readonly store = inject(MyAssignmentsStore);
  protected readonly date = formatDate;

  constructor() {
    void this.store.load();
  }
}
