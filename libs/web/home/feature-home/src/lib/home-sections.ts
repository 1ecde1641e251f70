import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { RoleAssignment } from '@cx/web-auth-data-access';
import { HomeStore, type Organization } from './home-store';
import { OrganizationProfile } from './organization-profile';
import { OrganizationsTable, type OrganizationRow } from './organizations-table';

function departmentOf(organization: Organization, byId: ReadonlyMap<string, Organization>): string {
  const parent = organization.parentId ? byId.get(organization.parentId) : undefined;
  return parent?.name ?? organization.name;
}

function toRows(organizations: readonly Organization[], byId: ReadonlyMap<string, Organization>): OrganizationRow[] {
  return [...organizations]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((organization) => ({ organization, departmentName: departmentOf(organization, byId) }));
}

/** AGENCY_CX_LEAD: the HISPs they lead, each with its editable profile. */
@Component({
  selector: 'cx-cx-lead-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [OrganizationProfile, RouterLink],
  template: `
    <section aria-labelledby="cx-lead-heading" class="margin-bottom-5" data-testid="cx-lead-section">
      <h2 id="cx-lead-heading">Your high-impact service {{ items().length === 1 ? 'provider' : 'providers' }}</h2>
      <p>You lead customer experience work for {{ names() }}. Keep the profile current so OMB reviewers have the right context.</p>
      <p>
        <a class="usa-link" routerLink="/assessments" data-testid="assessment-link">Work on the capacity assessment</a> or see
        <a class="usa-link" routerLink="/my-assignments">the questions assigned to you</a>.
      </p>
      @for (item of items(); track item.organization.id) {
        <cx-organization-profile [organization]="item.organization" [departmentName]="item.departmentName" />
      }
    </section>
  `,
})
export class CxLeadSection {
  readonly assignments = input.required<readonly RoleAssignment[]>();
  private readonly store = inject(HomeStore);

  protected readonly items = computed(() => {
    const byId = this.store.organizationsById();
    return this.assignments()
      .map((assignment) => {
        // Prefer the freshly loaded copy (it carries version, description and website).
        const organization = byId.get(assignment.organization.id);
        return organization
          ? { organization, departmentName: organization.parentId ? (byId.get(organization.parentId)?.name ?? null) : null }
          : null;
      })
      .filter((item) => item !== null);
  });
  protected readonly names = computed(() =>
    this.assignments()
      .map((a) => a.organization.name)
      .join(' and '),
  );
}

/** AGENCY_CONTRIBUTOR: where their assignments are. */
@Component({
  selector: 'cx-contributor-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <section aria-labelledby="assignments-heading" class="margin-bottom-5" data-testid="contributor-section">
      <h2 id="assignments-heading">My assignments</h2>
      <p>Your CX lead assigns questions of the capacity assessment to you.</p>
      <p>
        <a class="usa-link" routerLink="/my-assignments" data-testid="my-assignments-link">See my assignments</a> ·
        <a class="usa-link" routerLink="/assessments" data-testid="assessment-link">Read the whole assessment</a>
      </p>
    </section>
  `,
})
export class ContributorSection {}

/** AGENCY_EXECUTIVE: the organizations in their scope (their own and its bureaus). */
@Component({
  selector: 'cx-executive-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [OrganizationsTable, RouterLink],
  template: `
    <section aria-labelledby="executive-heading" class="margin-bottom-5" data-testid="executive-section">
      <h2 id="executive-heading">Organizations you oversee</h2>
      <cx-organizations-table [rows]="rows()" caption="Organizations you oversee" />
      <p><a class="usa-link" routerLink="/assessments" data-testid="assessment-link">Read your capacity assessments</a></p>
    </section>
  `,
})
export class ExecutiveSection {
  readonly assignments = input.required<readonly RoleAssignment[]>();
  private readonly store = inject(HomeStore);

  protected readonly rows = computed(() => {
    const scope = new Set(this.assignments().map((a) => a.organization.id));
    const organizations = this.store.organizations().filter((o) => scope.has(o.id) || (o.parentId !== null && scope.has(o.parentId)));
    return toRows(organizations, this.store.organizationsById());
  });
}

/** OMB roles: every HISP; administrators also get a way into the audit log. */
@Component({
  selector: 'cx-omb-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [OrganizationsTable, RouterLink],
  template: `
    <section aria-labelledby="omb-heading" class="margin-bottom-5" data-testid="omb-section">
      <h2 id="omb-heading">High-impact service providers</h2>
      <p>All {{ rows().length }} high-impact service providers taking part in the A-11 Section 280 program.</p>
      <p><a class="usa-link" routerLink="/assessments" data-testid="assessment-link">Follow assessment progress</a></p>
      <cx-organizations-table
        [rows]="rows()"
        caption="High-impact service providers"
        emptyMessage="No high-impact service providers are set up yet."
      />
      @if (isAdmin()) {
        <p>
          <a class="usa-link" routerLink="/audit" data-testid="audit-log-link">Review the audit log</a> to see who changed what and when.
        </p>
      }
    </section>
  `,
})
export class OmbSection {
  readonly isAdmin = input(false);
  private readonly store = inject(HomeStore);

  protected readonly rows = computed(() =>
    toRows(
      this.store.organizations().filter((o) => o.isHisp),
      this.store.organizationsById(),
    ),
  );
}
