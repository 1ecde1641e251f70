import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'cx-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="grid-container padding-y-4">
      <h1>Page not found</h1>
      <p class="usa-intro">We could not find the page you asked for. The address may be mistyped, or the page may have moved.</p>
      <p><a class="usa-link" routerLink="/">Go to your home page</a></p>
    </div>
  `,
})
export class NotFoundPage {}

@Component({
  selector: 'cx-access-denied-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="grid-container padding-y-4">
      <h1>You do not have access to this page</h1>
      <p class="usa-intro">Your role does not include this page. If you think you need it, ask your agency CX lead or OMB.</p>
      <p><a class="usa-link" routerLink="/">Go to your home page</a></p>
    </div>
  `,
})
export class AccessDeniedPage {}
