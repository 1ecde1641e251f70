import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { focusElementById } from './focus';

/** "Skip to main content": moves focus without changing the URL (a bare #fragment would resolve against <base href>). */
@Component({
  selector: 'cx-skip-link',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<a class="usa-skipnav" [href]="'#' + targetId()" (click)="skip($event)">Skip to main content</a>`,
})
export class SkipLink {
  readonly targetId = input('main-content');

  protected skip(event: Event): void {
    if (focusElementById(this.targetId())) event.preventDefault();
  }
}
