import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router } from '@angular/router';
import { SessionStore, safeReturnUrl } from '@cx/web-auth-data-access';
import {
  AuthOptionsDocument,
  DemoUsersDocument,
  GraphqlClient,
  type AuthOptionsQuery,
  type DemoUsersQuery,
} from '@cx/web-shared-data-access-graphql';
import { Alert, ErrorSummary, LoadingIndicator, type ErrorSummaryItem } from '@cx/web-shared-ui';

type DemoUser = DemoUsersQuery['demoUsers'][number];
type AuthOptions = AuthOptionsQuery['authOptions'];

interface DemoUserGroup {
  organizationName: string;
  users: DemoUser[];
}

const PICKER_FIELD_ID = 'demo-user-picker';

/** Groups demo users by organization, keeping the API's order within each group. */
export function groupDemoUsers(users: readonly DemoUser[]): DemoUserGroup[] {
  const groups = new Map<string, DemoUser[]>();
  for (const user of users) {
    const group = groups.get(user.organizationName) ?? [];
    group.push(user);
    groups.set(user.organizationName, group);
  }
  return [...groups].map(([organizationName, members]) => ({ organizationName, users: members }));
}

@Component({
  selector: 'cx-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, ErrorSummary, LoadingIndicator],
  templateUrl: './sign-in-page.html',
})
export class SignInPage {
  /** Bound from the query string by the router. */
  readonly returnUrl = input<string | undefined>();

  private readonly client = inject(GraphqlClient);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  protected readonly pickerId = PICKER_FIELD_ID;
  protected readonly notice = this.session.notice;
  protected readonly options = signal<AuthOptions | null>(null);
  protected readonly demoUsers = signal<DemoUser[]>([]);
  protected readonly loadError = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly selectedUserId = signal<string | null>(null);
  protected readonly submitting = signal(false);
  protected readonly submitError = signal<string | null>(null);
  protected readonly fieldError = signal<string | null>(null);

  protected readonly groups = computed(() => groupDemoUsers(this.demoUsers()));
  protected readonly summaryErrors = computed<ErrorSummaryItem[]>(() => {
    const message = this.fieldError();
    const first = this.demoUsers()[0];
    return message && first ? [{ fieldId: `demo-user-${first.id}`, message }] : [];
  });
  protected readonly oidcLabel = computed(() => `Sign in with ${this.options()?.oidcProviderName || 'Login.gov'}`);

  constructor() {
    void this.loadOptions();
  }

  protected async loadOptions(): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const { authOptions } = await this.client.request(AuthOptionsDocument);
      this.options.set(authOptions);
      if (authOptions.demoSignInEnabled) {
        const { demoUsers } = await this.client.request(DemoUsersDocument);
        this.demoUsers.set(demoUsers);
      }
    } catch (error) {
      this.loadError.set(error instanceof Error ? error.message : 'We could not load the sign-in options.');
    } finally {
      this.loading.set(false);
    }
  }

  protected select(userId: string): void {
    this.selectedUserId.set(userId);
    this.fieldError.set(null);
  }

  protected async signIn(event: Event): Promise<void> {
    event.preventDefault();
    const userId = this.selectedUserId();
    if (!userId) {
      this.fieldError.set('Choose the person you want to sign in as.');
      return;
    }
    this.submitting.set(true);
    this.submitError.set(null);
    try {
      await this.session.signInDemo(userId);
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      this.submitError.set(error instanceof Error ? error.message : 'We could not sign you in. Try again.');
    } finally {
      this.submitting.set(false);
    }
  }
}
