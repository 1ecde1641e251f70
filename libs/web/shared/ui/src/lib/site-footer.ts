import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** USWDS identifier: who runs the site and the links every federal site must carry. */
@Component({
  selector: 'cx-site-footer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <footer>
      <div class="usa-identifier">
        <section class="usa-identifier__section usa-identifier__section--masthead" aria-label="Agency identifier">
          <div class="usa-identifier__container">
            <section class="usa-identifier__identity" aria-label="Agency description">
              <p class="usa-identifier__identity-domain">{{ appName() }}</p>
              <p class="usa-identifier__identity-disclaimer">
                An official website of the <a href="https://www.whitehouse.gov/omb/">Office of Management and Budget</a>
              </p>
            </section>
          </div>
        </section>
        <nav class="usa-identifier__section usa-identifier__section--required-links" aria-label="Important links">
          <div class="usa-identifier__container">
            <ul class="usa-identifier__required-links-list">
              <li class="usa-identifier__required-links-item">
                <a href="https://www.whitehouse.gov/omb/" class="usa-identifier__required-link usa-link">About OMB</a>
              </li>
              <li class="usa-identifier__required-links-item">
                <a href="https://www.whitehouse.gov/accessibility/" class="usa-identifier__required-link usa-link"
                  >Accessibility statement</a
                >
              </li>
              <li class="usa-identifier__required-links-item">
                <a href="https://www.whitehouse.gov/privacy/" class="usa-identifier__required-link usa-link">Privacy policy</a>
              </li>
              <li class="usa-identifier__required-links-item">
                <a href="https://www.performance.gov/cx/" class="usa-identifier__required-link usa-link">Federal CX on Performance.gov</a>
              </li>
            </ul>
          </div>
        </nav>
        <section class="usa-identifier__section usa-identifier__section--usagov" aria-label="U.S. government information and services">
          <div class="usa-identifier__container">
            <div class="usa-identifier__usagov-description">Looking for U.S. government information and services?</div>
            <a href="https://www.usa.gov/" class="usa-link">Visit USA.gov</a>
          </div>
        </section>
      </div>
    </footer>
  `,
})
export class SiteFooter {
  readonly appName = input.required<string>();
}
