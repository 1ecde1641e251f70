import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { Organization } from './home-store';

export interface OrganizationRow {
  organization: Organization;
  departmentName: string;
}

/** Plain table of organizations: name, department, website. */
@Component({
  selector: 'cx-organizations-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (rows().length === 0) {
      <p>{{ emptyMessage() }}</p>
    } @else {
      <table class="usa-table usa-table--borderless width-full">
        <caption class="usa-sr-only">
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Department</th>
            <th scope="col">Website</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.organization.id) {
            <tr>
              <th scope="row">{{ row.organization.name }} ({{ row.organization.abbreviation }})</th>
              <td>{{ row.departmentName }}</td>
              <td>
                @if (row.organization.websiteUrl; as url) {
                  <a class="usa-link" [href]="url" rel="noopener noreferrer">{{ url }}</a>
                } @else {
                  <span class="text-base">Not provided</span>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
})
export class OrganizationsTable {
  readonly rows = input.required<readonly OrganizationRow[]>();
  readonly caption = input.required<string>();
  readonly emptyMessage = input('There are no organizations to show.');
}
