import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { IdleTimer, SessionStore } from '@cx/web-auth-data-access';
import { Alert, ModalDialog } from '@cx/web-shared-ui';

/** Two minutes before the server ends an idle session, offer to stay signed in. */
@Component({
  selector: 'cx-idle-warning',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, ModalDialog],
  template: `
    <cx-modal-dialog [open]="open()" heading="You will be signed out in 2 minutes" (dismissed)="staySignedIn()">
      <p>For your security, we sign you out after a period without activity.</p>
      <p role="timer" aria-live="off" data-testid="idle-countdown">Time left: {{ timer.countdown() }}</p>
      @if (error(); as message) {
        <cx-alert type="error" [slim]="true">{{ message }}</cx-alert>
      }
      <ul class="usa-button-group" cxModalFooter>
        <li class="usa-button-group__item">
          <button type="button" class="usa-button" [disabled]="busy()" (click)="staySignedIn()">Stay signed in</button>
        </li>
        <li class="usa-button-group__item">
          <button type="button" class="usa-button usa-button--unstyled padding-105 text-center" [disabled]="busy()" (click)="signOut()">
            Sign out
          </button>
        </li>
      </ul>
    </cx-modal-dialog>
  `,
})
export class IdleWarning {
  protected readonly timer = inject(IdleTimer);
  private readonly session = inject(SessionStore);

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly open = computed(() => this.timer.status().phase === 'warning');

  protected async staySignedIn(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.session.extendSession();
    } catch (error) {
      this.error.set(error instanceof Error ? error.message : 'We could not keep you signed in.');
    } finally {
      this.busy.set(false);
    }
  }

  protected async signOut(): Promise<void> {
    this.busy.set(true);
    await this.session.signOut();
    this.busy.set(false);
  }
}
