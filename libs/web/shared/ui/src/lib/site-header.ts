import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

export interface NavItem {
  label: string;
  path: string;
  /** Match the path exactly when deciding whether the link is current (use for "/"). */
  exact?: boolean;
}

export interface HeaderUser {
  name: string;
  /** Plain-words role, e.g. "Agency CX lead · Veterans Health Administration". */
  roleLabel: string;
  /** How many more roles the person holds beyond the one shown. */
  otherRoleCount: number;
}

/** USWDS extended header: app name, primary navigation, and the signed-in person with a sign-out button. */
@Component({
  selector: 'cx-site-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive],
  template: `
    @if (menuOpen()) {
      <div class="usa-overlay is-visible" (click)="closeMenu()" aria-hidden="true"></div>
    }
    <header class="usa-header usa-header--extended">
      <div class="usa-navbar">
        <div class="usa-logo">
          <em class="usa-logo__text"
            ><a routerLink="/" title="{{ appName() }} home">{{ appName() }}</a></em
          >
        </div>
        @if (user()) {
          <button type="button" class="usa-menu-btn" aria-controls="primary-nav" [attr.aria-expanded]="menuOpen()" (click)="openMenu()">
            Menu
          </button>
        }
      </div>
      @if (user(); as user) {
        <nav aria-label="Primary navigation" class="usa-nav" id="primary-nav" [class.is-visible]="menuOpen()">
          <div class="usa-nav__inner">
            <button type="button" class="usa-nav__close" (click)="closeMenu()">
              <span class="usa-sr-only">Close menu</span>
              <span aria-hidden="true" class="cx-close-glyph">×</span>
            </button>
            <ul class="usa-nav__primary usa-accordion">
              @for (item of navItems(); track item.path) {
                <li class="usa-nav__primary-item">
                  <a
                    class="usa-nav-link"
                    [routerLink]="item.path"
                    routerLinkActive="usa-current"
                    ariaCurrentWhenActive="page"
                    [routerLinkActiveOptions]="{ exact: item.exact ?? false }"
                    (click)="closeMenu()"
                    ><span>{{ item.label }}</span></a
                  >
                </li>
              }
            </ul>
            <div class="usa-nav__secondary cx-header-user">
              <p class="margin-0" data-testid="header-user">
                <span class="text-bold" data-testid="header-user-name">{{ user.name }}</span>
                <br />
                <span data-testid="header-user-role">{{ user.roleLabel }}</span>
                @if (user.otherRoleCount > 0) {
                  <span> (and {{ user.otherRoleCount }} more {{ user.otherRoleCount === 1 ? 'role' : 'roles' }})</span>
                }
              </p>
              <button type="button" class="usa-button usa-button--outline margin-top-1" (click)="signOut.emit()">Sign out</button>
            </div>
          </div>
        </nav>
      }
    </header>
  `,
  styles: `
    .cx-header-user {
      text-align: right;
    }
    .cx-close-glyph {
      font-size: 1.75rem;
      line-height: 1;
    }
  `,
})
export class SiteHeader {
  readonly appName = input.required<string>();
  readonly user = input<HeaderUser | null>(null);
  readonly navItems = input<readonly NavItem[]>([]);
  readonly signOut = output<void>();

  protected readonly menuOpen = signal(false);

  protected openMenu(): void {
    this.menuOpen.set(true);
  }

  protected closeMenu(): void {
    this.menuOpen.set(false);
  }
}
