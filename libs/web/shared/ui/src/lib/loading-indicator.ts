import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Announces that content is loading; the text is visible, not only spoken. */
@Component({
  selector: 'cx-loading-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p class="cx-loading text-base-dark" role="status" aria-live="polite">{{ label() }}</p>`,
  styles: `
    .cx-loading::before {
      content: '';
      display: inline-block;
      width: 1em;
      height: 1em;
      margin-right: 0.5em;
      vertical-align: -0.15em;
      border: 2px solid currentColor;
      border-right-color: transparent;
      border-radius: 50%;
      animation: cx-spin 0.8s linear infinite;
    }
    @media (prefers-reduced-motion: reduce) {
      .cx-loading::before {
        animation: none;
      }
    }
    @keyframes cx-spin {
      to {
        transform: rotate(360deg);
      }
    }
  `,
})
export class LoadingIndicator {
  readonly label = input('Loading…');
}
