import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export type AlertType = 'info' | 'success' | 'warning' | 'error';

/**
 * USWDS alert. Errors and warnings are announced (role="alert"); info and
 * success are polite (role="status"). Body content is projected.
 */
@Component({
  selector: 'cx-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div [class]="classes()" [attr.role]="role()">
      <div class="usa-alert__body">
        @if (heading()) {
          <p class="usa-alert__heading text-bold">{{ heading() }}</p>
        }
        <div class="usa-alert__text"><ng-content /></div>
      </div>
    </div>
  `,
})
export class Alert {
  readonly type = input<AlertType>('info');
  readonly heading = input<string>('');
  readonly slim = input(false);

  protected readonly role = computed(() => (this.type() === 'error' || this.type() === 'warning' ? 'alert' : 'status'));
  protected readonly classes = computed(
    () => `usa-alert usa-alert--${this.type()}${this.slim() ? ' usa-alert--slim' : ''}${this.heading() ? '' : ' usa-alert--no-heading'}`,
  );
}
