import { ChangeDetectionStrategy, Component, signal } from '@angular/core';

/** The USWDS official-site banner; the "Here's how you know" toggle is done here instead of uswds.js. */
@Component({
  selector: 'cx-gov-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="usa-banner" aria-label="Official website of the United States government">
      <div class="usa-accordion">
        <header class="usa-banner__header" [class.usa-banner__header--expanded]="expanded()">
          <div class="usa-banner__inner">
            <div class="grid-col-auto">
              <img aria-hidden="true" class="usa-banner__header-flag" src="/assets/uswds/img/us_flag_small.png" alt="" />
            </div>
            <div class="grid-col-fill tablet:grid-col-auto" aria-hidden="true">
              <p class="usa-banner__header-text">An official website of the United States government</p>
              <p class="usa-banner__header-action">Here’s how you know</p>
            </div>
            <button
              type="button"
              class="usa-accordion__button usa-banner__button"
              [attr.aria-expanded]="expanded()"
              aria-controls="gov-banner-content"
              (click)="toggle()"
            >
              <span class="usa-banner__button-text">Here’s how you know</span>
            </button>
          </div>
        </header>
        <div class="usa-banner__content usa-accordion__content" id="gov-banner-content" [hidden]="!expanded()">
          <div class="grid-row grid-gap-lg">
            <div class="usa-banner__guidance tablet:grid-col-6">
              <img
                class="usa-banner__icon usa-media-block__img"
                src="/assets/uswds/img/icon-dot-gov.svg"
                role="img"
                alt=""
                aria-hidden="true"
              />
              <div class="usa-media-block__body">
                <p>
                  <strong>Official websites use .gov</strong><br />A <strong>.gov</strong> website belongs to an official government
                  organization in the United States.
                </p>
              </div>
            </div>
            <div class="usa-banner__guidance tablet:grid-col-6">
              <img
                class="usa-banner__icon usa-media-block__img"
                src="/assets/uswds/img/icon-https.svg"
                role="img"
                alt=""
                aria-hidden="true"
              />
              <div class="usa-media-block__body">
                <p>
                  <strong>Secure .gov websites use HTTPS</strong><br />A <strong>lock</strong> or <strong>https://</strong>
                  means you’ve safely connected to the .gov website. Share sensitive information only on official, secure websites.
                </p>
              </div>
            </div>
          </div>
        </div>
      </div>
    </section>
  `,
})
export class GovBanner {
  protected readonly expanded = signal(false);

  protected toggle(): void {
    this.expanded.update((value) => !value);
  }
}
