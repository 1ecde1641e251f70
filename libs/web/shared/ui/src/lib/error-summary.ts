import { ChangeDetectionStrategy, Component, ElementRef, effect, input, viewChild } from '@angular/core';
import { focusElementById } from './focus';

export interface ErrorSummaryItem {
  /** id of the field the error belongs to; the link moves focus there. */
  fieldId: string;
  message: string;
}

/** USWDS-style error summary: lists every problem, links each to its field, and takes focus when it appears. */
@Component({
  selector: 'cx-error-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (errors().length > 0) {
      <div #summary class="usa-alert usa-alert--error" role="alert" tabindex="-1" data-testid="error-summary">
        <div class="usa-alert__body">
          <p class="usa-alert__heading text-bold">{{ heading() }}</p>
          <ul class="usa-list margin-top-1" [attr.id]="listId()">
            @for (error of errors(); track error.fieldId + error.message) {
              <li>
                <a class="usa-link" [href]="'#' + error.fieldId" (click)="jump($event, error.fieldId)">{{ error.message }}</a>
              </li>
            }
          </ul>
        </div>
      </div>
    }
  `,
})
export class ErrorSummary {
  readonly errors = input.required<readonly ErrorSummaryItem[]>();
  readonly heading = input('There is a problem');
  /** id for the list, so a field can point at it with aria-describedby when every problem is about that one field. */
  readonly listId = input<string | null>(null);

  private readonly summary = viewChild<ElementRef<HTMLElement>>('summary');

  constructor() {
    effect(() => this.summary()?.nativeElement.focus());
  }

  protected jump(event: Event, fieldId: string): void {
    if (focusElementById(fieldId)) event.preventDefault();
  }
}
