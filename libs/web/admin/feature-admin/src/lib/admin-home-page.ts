import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

/** Landing page of the OMB administrator's tools. */
@Component({
  selector: 'cx-admin-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="grid-container padding-y-4">
      <h1>Administration</h1>
      <p class="usa-intro">Program-wide settings for the A-11 §280 capacity assessment. Only OMB administrators can use these pages.</p>
      <ul class="usa-card-group">
        <li class="usa-card tablet:grid-col-6">
          <div class="usa-card__container">
            <div class="usa-card__header">
              <h2 class="usa-card__heading"><a class="usa-link" routerLink="/admin/frameworks">Framework versions</a></h2>
            </div>
            <div class="usa-card__body">
              <p>Import a new version of an assessment framework, check it, publish it, or retire an old one.</p>
            </div>
          </div>
        </li>
        <li class="usa-card tablet:grid-col-6">
          <div class="usa-card__container">
            <div class="usa-card__header">
              <h2 class="usa-card__heading"><a class="usa-link" routerLink="/admin/cycles">Cycles</a></h2>
            </div>
            <div class="usa-card__body">
              <p>Open a fiscal year’s cycle: choose its framework version and deadlines, and create the assessments.</p>
            </div>
          </div>
        </li>
      </ul>
    </div>
  `,
})
export class AdminHomePage {}
