import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import {
  ExtendSessionDocument,
  GraphqlClient,
  SignInDemoDocument,
  SignOutDocument,
  ViewerDocument,
  type ViewerFieldsFragment,
} from '@cx/web-shared-data-access-graphql';
import { ROLE_LABELS, Role } from '@cx/shared-domain';

export type Viewer = ViewerFieldsFragment;
export type RoleAssignment = Viewer['user']['roles'][number];

/** Why the session ended; decides what the sign-in page tells the person. */
export type SessionEndReason = 'signed-out' | 'expired';

export const SESSION_NOTICES: Readonly<Record<SessionEndReason, string>> = {
  'signed-out': 'You signed out.',
  expired: 'Your session ended. Sign in again.',
};

/** Roles in the order we pick a "primary" one for the header: broadest responsibility first. */
const ROLE_PRIORITY: readonly Role[] = [
  Role.OMB_ADMIN,
  Role.OMB_REVIEWER,
  Role.OMB_EXECUTIVE,
  Role.AGENCY_CX_LEAD,
  Role.AGENCY_EXECUTIVE,
  Role.AGENCY_CONTRIBUTOR,
];

type LoadStatus = 'unknown' | 'loading' | 'loaded';

interface SessionState {
  status: LoadStatus;
  viewer: Viewer | null;
  /** Local clock time of the last successful authenticated request (the server resets its idle timer on each). */
  lastActivityAt: number;
  /** Local clock time when the server will end the session regardless of activity. */
  absoluteDeadline: number | null;
}

export function describeRole(assignment: RoleAssignment): string {
  return `${ROLE_LABELS[assignment.role]} · ${assignment.organization.name}`;
}

export function sortRoles(roles: readonly RoleAssignment[]): RoleAssignment[] {
  return [...roles].sort((a, b) => ROLE_PRIORITY.indexOf(a.role) - ROLE_PRIORITY.indexOf(b.role));
}

/** Only same-app paths are allowed as a return URL, so sign-in cannot be used as an open redirect. */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/sign-in')) {
    return '/';
  }
  return value;
}

/**
 * Signal store for the signed-in person: who they are, their roles, the CSRF
 * token, and when the server will end the session for inactivity.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly client = inject(GraphqlClient);
  private readonly router = inject(Router);

  private readonly state = signal<SessionState>({ status: 'unknown', viewer: null, lastActivityAt: 0, absoluteDeadline: null });
  private loading: Promise<void> | null = null;

  readonly status = computed(() => this.state().status);
  readonly viewer = computed(() => this.state().viewer);
  readonly user = computed(() => this.state().viewer?.user ?? null);
  readonly isSignedIn = computed(() => this.state().viewer !== null);
  readonly roleAssignments = computed(() => sortRoles(this.state().viewer?.user.roles ?? []));
  readonly roles = computed(() => [...new Set(this.roleAssignments().map((r) => r.role))]);
  readonly primaryRoleLabel = computed(() => {
    const [primary] = this.roleAssignments();
    return primary ? describeRole(primary) : '';
  });
  /** Local clock time at which the server will consider the session idle, or null when signed out. */
  readonly idleDeadline = computed(() => {
    const { viewer, lastActivityAt, absoluteDeadline } = this.state();
    if (!viewer) return null;
    const idle = lastActivityAt + viewer.idleTimeoutSeconds * 1000;
    return absoluteDeadline === null ? idle : Math.min(idle, absoluteDeadline);
  });
  /** One-time message for the sign-in page (for example after the session ended). */
  readonly notice = signal<string | null>(null);

  constructor() {
    this.client.listen((event) => {
      if (event === 'activity' && this.state().viewer) {
        this.state.update((s) => ({ ...s, lastActivityAt: Date.now() }));
      } else if (event === 'unauthenticated' && this.state().viewer) {
        this.endSession('expired');
      }
    });
  }

  hasRole(...roles: Role[]): boolean {
    const held = this.roles();
    return roles.some((role) => held.includes(role));
  }

  /** Loads the viewer once; later calls reuse the result. */
  load(): Promise<void> {
    if (this.state().status === 'loaded') return Promise.resolve();
    this.loading ??= this.fetchViewer().finally(() => (this.loading = null));
    return this.loading;
  }

  /** For route guards: resolves true when someone is signed in. Network problems count as signed out. */
  async ensureSignedIn(): Promise<boolean> {
    try {
      await this.load();
    } catch {
      return false;
    }
    return this.isSignedIn();
  }

  async signInDemo(userId: string): Promise<void> {
    const { signInDemo } = await this.client.request(SignInDemoDocument, { userId });
    this.notice.set(null);
    this.setViewer(signInDemo);
  }

  async extendSession(): Promise<void> {
    const { extendSession } = await this.client.request(ExtendSessionDocument);
    this.setViewer(extendSession);
  }

  /** Signs out on the server (best effort) and returns to the sign-in page. */
  async signOut(reason: SessionEndReason = 'signed-out'): Promise<void> {
    try {
      await this.client.request(SignOutDocument);
    } catch {
      // The session may already be gone on the server; the local sign-out still has to happen.
    }
    // An UNAUTHENTICATED answer above has already ended the session locally.
    if (this.state().viewer) this.endSession(reason);
  }

  /** Forgets the session locally and sends the person to sign in, remembering where they were. */
  endSession(reason: SessionEndReason): void {
    this.client.setCsrfToken(null);
    this.state.set({ status: 'loaded', viewer: null, lastActivityAt: 0, absoluteDeadline: null });
    this.notice.set(SESSION_NOTICES[reason]);
    const current = this.router.url;
    const returnUrl = reason === 'expired' ? safeReturnUrl(current) : '/';
    void this.router.navigate(['/sign-in'], { queryParams: returnUrl === '/' ? {} : { returnUrl } });
  }

  private async fetchViewer(): Promise<void> {
    this.state.update((s) => ({ ...s, status: 'loading' }));
    try {
      const { viewer } = await this.client.request(ViewerDocument);
      this.setViewer(viewer);
    } catch (error) {
      this.state.update((s) => ({ ...s, status: 'unknown' }));
      throw error;
    }
  }

  private setViewer(viewer: Viewer | null): void {
    this.client.setCsrfToken(viewer?.csrfToken ?? null);
    const now = Date.now();
    // Server timestamps are converted to offsets so a skewed local clock does not matter:
    // idleExpiresAt is "server now + idle timeout", so absolute - idle + timeout is the time left overall.
    const absoluteDeadline = viewer
      ? now + Date.parse(viewer.absoluteExpiresAt) - Date.parse(viewer.idleExpiresAt) + viewer.idleTimeoutSeconds * 1000
      : null;
    this.state.set({
      status: 'loaded',
      viewer,
      lastActivityAt: now,
      absoluteDeadline: Number.isFinite(absoluteDeadline) ? absoluteDeadline : null,
    });
  }
}
