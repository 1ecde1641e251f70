import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Alert, LoadingIndicator } from '@cx/web-shared-ui';
import { formatTimestamp, frameworkKindLabel, frameworkStatusLabel } from './admin-format';
import { FrameworkVersionStore } from './framework-store';

/** One framework version, read-only: scale, then each domain's criteria with a descriptor per level. */
@Component({
  selector: 'cx-framework-version-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, LoadingIndicator, RouterLink],
  providers: [FrameworkVersionStore],
  template: `
    <div class="grid-container padding-y-4">
      <nav class="usa-breadcrumb padding-top-0" aria-label="Breadcrumbs">
        <ol class="usa-breadcrumb__list">
          <li class="usa-breadcrumb__list-item"><a class="usa-breadcrumb__link" routerLink="/admin">Administration</a></li>
          <li class="usa-breadcrumb__list-item">
            <a class="usa-breadcrumb__link" routerLink="/admin/frameworks">Framework versions</a>
          </li>
          <li class="usa-breadcrumb__list-item usa-current" aria-current="page">{{ store.version()?.version ?? 'Version' }}</li>
        </ol>
      </nav>
      @if (store.status() === 'error') {
        <h1 class="margin-top-0">Framework version</h1>
        <cx-alert type="error" heading="We could not load this framework version">{{ store.error() }}</cx-alert>
      } @else if (store.version(); as v) {
        <h1 class="margin-top-0">{{ v.name }}, version {{ v.version }}</h1>
        <p class="usa-intro">{{ v.description }}</p>
        <dl class="cx-facts">
          <dt>Code</dt>
          <dd>
            <code>{{ v.code }}</code>
          </dd>
          <dt>Kind</dt>
          <dd>{{ kindLabel(v.kind) }}</dd>
          <dt>Status</dt>
          <dd>{{ statusLabel(v.status) }}</dd>
          <dt>Effective fiscal year</dt>
          <dd>FY {{ v.effectiveFiscalYear }}</dd>
          <dt>Imported</dt>
          <dd>{{ formatTimestamp(v.importedAt) }}</dd>
          <dt>Published</dt>
          <dd>{{ v.publishedAt ? formatTimestamp(v.publishedAt) : 'Not published' }}</dd>
          <dt>Scoring</dt>
          <dd>{{ v.scoringDescription || 'Up to ' + v.domainMaxPoints + ' points per domain.' }}</dd>
        </dl>

        <h2>Scale</h2>
        <table class="usa-table usa-table--borderless usa-table--compact">
          <caption class="usa-sr-only">
            Levels of the scale
          </caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col">Label</th>
              <th scope="col">Definition</th>
            </tr>
          </thead>
          <tbody>
            @for (level of v.scale; track level.value) {
              <tr>
                <th scope="row">{{ level.value }}</th>
                <td>{{ level.label }}</td>
                <td>{{ level.definition }}</td>
              </tr>
            }
          </tbody>
        </table>

        @for (domain of v.domains; track domain.code) {
          <section class="margin-top-5" [attr.aria-labelledby]="'domain-' + domain.code">
            <h2 [id]="'domain-' + domain.code">
              {{ domain.name }} <span class="text-normal text-base-dark">({{ domain.code }})</span>
            </h2>
            <p>{{ domain.description }}</p>
            @for (criterion of domain.criteria; track criterion.code) {
              <div class="cx-criterion">
                <h3 class="margin-top-0">{{ criterion.code }}: {{ criterion.statement }}</h3>
                <p><span class="text-bold">Guidance:</span> {{ criterion.guidance }}</p>
                <p><span class="text-bold">Evidence to look for:</span> {{ criterion.evidencePrompt }}</p>
                <p><span class="text-bold">Weight:</span> {{ criterion.weight }}</p>
                <p class="text-bold margin-bottom-05">Level descriptors</p>
                <ul class="usa-list margin-top-0">
                  @for (level of criterion.levels; track level.value) {
                    <li>
                      <span class="text-bold">Level {{ level.value }}:</span> {{ level.descriptor }}
                    </li>
                  }
                </ul>
              </div>
            }
          </section>
        }
      } @else {
        <h1 class="margin-top-0">Framework version</h1>
        <cx-loading-indicator label="Loading the framework version…" />
      }
    </div>
  `,
  styles: `
    .cx-facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 1.5rem;
    }
    .cx-facts dt {
      font-weight: bold;
    }
    .cx-facts dd {
      margin: 0;
    }
    .cx-criterion {
      border-top: 1px solid #dfe1e2;
      padding-top: 1rem;
      margin-top: 1rem;
    }
  `,
})
export class FrameworkVersionPage {
  /** Route parameter (component input binding). */
  readonly id = input.required<string>();

  protected readonly store = inject(FrameworkVersionStore);
  protected readonly statusLabel = frameworkStatusLabel;
  protected readonly kindLabel = frameworkKindLabel;
  protected readonly formatTimestamp = formatTimestamp;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.store.load(id));
    });
  }
}
