import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { Role } from '@cx/shared-domain';
import { IdleTimer, SessionStore } from '@cx/web-auth-data-access';
import { GovBanner, ModalDialog, SiteFooter, SiteHeader, SkipLink, type HeaderUser, type NavItem } from '@cx/web-shared-ui';
import { filter } from 'rxjs';
import { IdleWarning } from './idle-warning';

export const APP_NAME = 'CX Capacity';

/** How long sign-out waits for saves under way before it asks about unsent answers. */
const SAVE_GRACE_MS = 2_000;

/** How many unsent answers are left once saves under way have had `SAVE_GRACE_MS` to land. */
async function unsentAfterSaves(unsentKeys: () => Promise<string[]>): Promise<number> {
  let keys = await unsentKeys();
  for (let waited = 0; keys.length > 0 && waited < SAVE_GRACE_MS; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    keys = await unsentKeys();
  }
  return keys.length;
}

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
  imports: [RouterOutlet, GovBanner, SiteHeader, SiteFooter, SkipLink, IdleWarning, ModalDialog],
  template: `
    <cx-skip-link />
    <cx-gov-banner />
    <cx-site-header [appName]="appName" [user]="headerUser()" [navItems]="navItems()" (signOut)="signOut()" />
    <main id="main-content" tabindex="-1" class="cx-main">
      <router-outlet />
    </main>
    <cx-site-footer [appName]="appName" />
    <cx-idle-warning />
    <cx-modal-dialog [open]="unsent() > 0" heading="Some of your answers are not saved yet" (dismissed)="staySignedIn()">
      <p data-testid="unsent-on-sign-out">
        {{ unsent() === 1 ? '1 answer you changed has' : unsent() + ' answers you changed have' }} not reached the server yet. This device
        keeps {{ unsent() === 1 ? 'it' : 'them' }} and sends {{ unsent() === 1 ? 'it' : 'them' }} when you next open
        {{ unsent() === 1 ? 'that question' : 'those questions' }} here.
      </p>
      <p>If you sign out now on a computer that others use, delete {{ unsent() === 1 ? 'it' : 'them' }} from this device.</p>
      <ul class="usa-button-group" cxModalFooter>
        <li class="usa-button-group__item">
          <button type="button" class="usa-button" (click)="staySignedIn()">Stay signed in</button>
        </li>
        <li class="usa-button-group__item">
          <button type="button" class="usa-button usa-button--outline" (click)="signOut('keep')">Sign out, keep them here</button>
        </li>
        <li class="usa-button-group__item">
          <button type="button" class="usa-button usa-button--secondary" (click)="signOut('discard')">Sign out and delete them</button>
        </li>
      </ul>
    </cx-modal-dialog>
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

  /** Answers of the person's that this device still holds unsent, while they decide whether to sign out. */
  protected readonly unsent = signal(0);
  private checkingUnsent = false;

  /**
   * Signs out, first checking this device for the person's unsent answers (autosave keeps them until the server has
   * them). Leaving a field to press "Sign out" saves it, so the check allows a moment for saves under way.
   */
  protected async signOut(unsentAnswers?: 'keep' | 'discard'): Promise<void> {
    const userId = this.session.user()?.id;
    if (userId) {
      // Loaded only now: the check lives with autosave, in the questionnaire's lazy chunk.
      const drafts = await import('@cx/web-assessment-feature-assessment');
      if (!unsentAnswers) {
        // A second press while this one waits for saves changes nothing.
        if (this.checkingUnsent) return;
        this.checkingUnsent = true;
        const left = await unsentAfterSaves(() => drafts.unsentAnswerKeys(userId)).finally(() => (this.checkingUnsent = false));
        if (left > 0) return this.unsent.set(left);
      } else if (unsentAnswers === 'discard') {
        await drafts.discardUnsentAnswers(userId);
      }
    }
    this.unsent.set(0);
    await this.session.signOut();
  }

  protected staySignedIn(): void {
    this.unsent.set(0);
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
