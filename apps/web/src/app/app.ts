import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { Role } from '@cx/shared-domain';
import { IdleTimer, SessionStore } from '@cx/web-auth-data-access';
import { GovBanner, SiteFooter, SiteHeader, SkipLink, type HeaderUser, type NavItem } from '@cx/web-shared-ui';
import { filter } from 'rxjs';
import { IdleWarning } from './idle-warning';

export const APP_NAME = 'CX Capacity';

/** Navigation entries and the roles that see them (undefined = everyone signed in). */
const AGENCY_ROLES = [Role.AGENCY_CX_LEAD, Role.AGENCY_CONTRIBUTOR, Role.AGENCY_EXECUTIVE];
const OMB_ROLES = [Role.OMB_ADMIN, Role.OMB_REVIEWER, Role.OMB_EXECUTIVE];

const NAV: readonly (NavItem & { roles?: readonly Role[]; notRoles?: readonly Role[] })[] = [
  { label: 'Home', path: '/', exact: true },
  { label: 'Assessments', path: '/assessments', roles: OMB_ROLES },
  { label: 'Assessment', path: '/assessments', roles: AGENCY_ROLES, notRoles: OMB_ROLES },
  { label: 'My assignments', path: '/my-assignments', roles: [Role.AGENCY_CONTRIBUTOR, Role.AGENCY_CX_LEAD] },
  { label: 'Audit log', path: '/audit', roles: [Role.OMB_ADMIN, Role.AGENCY_CX_LEAD] },
  { label: 'Administration', path: '/admin', roles: [Role.OMB_ADMIN] },
];

@Component({
  selector: 'cx-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, GovBanner, SiteHeader, SiteFooter, SkipLink, IdleWarning],
  template: `
    <cx-skip-link />
    <cx-gov-banner />
    <cx-site-header [appName]="appName" [user]="headerUser()" [navItems]="navItems()" (signOut)="signOut()" />
    <main id="main-content" tabindex="-1" class="cx-main">
      <router-outlet />
    </main>
    <cx-site-footer [appName]="appName" />
    <cx-idle-warning />
  `,
  styles: `
    .cx-main {
      display: block;
      min-height: 50vh;
    }
    .cx-main:focus {
      outline: none;
    }
  `,
})
export class App {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  protected readonly appName = APP_NAME;
  protected readonly headerUser = computed<HeaderUser | null>(() => {
    const user = this.session.user();
    if (!user) return null;
    return {
      name: user.displayName,
      roleLabel: this.session.primaryRoleLabel(),
      otherRoleCount: Math.max(0, this.session.roleAssignments().length - 1),
    };
  });
  protected readonly navItems = computed(() =>
    NAV.filter(
      (item) => (!item.roles || this.session.hasRole(...item.roles)) && !(item.notRoles && this.session.hasRole(...item.notRoles)),
    ).map(({ label, path, exact }) => ({ label, path, exact })),
  );

  constructor() {
    // Starts the idle countdown; it runs only while someone is signed in.
    inject(IdleTimer);
    this.moveFocusOnNavigation();
  }

  protected signOut(): void {
    void this.session.signOut();
  }

  /** After an in-app navigation, put focus at the top of the new page so screen readers start there. */
  private moveFocusOnNavigation(): void {
    let first = true;
    this.router.events.pipe(filter((event) => event instanceof NavigationEnd)).subscribe(() => {
      if (first) {
        first = false;
        return;
      }
      queueMicrotask(() => document.getElementById('main-content')?.focus({ preventScroll: false }));
    });
  }
}
