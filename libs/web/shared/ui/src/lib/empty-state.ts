import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Honest "nothing here yet" message, with optional projected actions. */
@Component({
  selector: 'cx-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="cx-empty-state bg-base-lightest padding-3 radius-md" data-testid="empty-state">
      @if (heading()) {
        <p class="text-bold margin-top-0">{{ heading() }}</p>
      }
      <p class="margin-y-0">{{ message() }}</p>
      <ng-content />
    </div>
  `,
})
export class EmptyState {
  readonly heading = input('');
  readonly message = input.required<string>();
}
