import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Alert, LoadingIndicator } from '@cx/web-shared-ui';
import { AssessmentStore } from './assessment-store';
import { BarChart, type BarDatum } from './bar-chart';
import { formatNumber, percent } from './format';

/** "+1.5", "−2", "No change", or "—" when there is nothing to compare. */
export function signedChange(change: number | null | undefined): string {
  if (change === null || change === undefined) return '—';
  if (change === 0) return 'No change';
  return `${change > 0 ? '+' : '−'}${formatNumber(Math.abs(change))}`;
}

/** Domain scores against targets: a chart and a table with the same numbers. */
@Component({
  selector: 'cx-summary-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, LoadingIndicator, RouterLink, BarChart],
  providers: [AssessmentStore],
  template: `
    <div class="grid-container padding-y-4">
      @if (store.status() === 'error') {
        <h1>Scores and targets</h1>
        <cx-alert type="error" heading="We could not load this assessment">{{ store.error() }}</cx-alert>
      } @else if (!assessment()) {
        <h1>Scores and targets</h1>
        <cx-loading-indicator label="Loading the scores…" />
      } @else {
        @let a = assessment()!;
        <nav class="usa-breadcrumb padding-top-0" aria-label="Breadcrumbs">
          <ol class="usa-breadcrumb__list">
            <li class="usa-breadcrumb__list-item"><a class="usa-breadcrumb__link" routerLink="/assessments">Assessments</a></li>
            <li class="usa-breadcrumb__list-item">
              <a class="usa-breadcrumb__link" [routerLink]="['/assessments', a.id]">{{ a.organizationName }} FY {{ a.fiscalYear }}</a>
            </li>
            <li class="usa-breadcrumb__list-item usa-current" aria-current="page">Scores and targets</li>
          </ol>
        </nav>
        <h1 class="margin-top-0">Scores and targets: {{ a.organizationName }}</h1>
        <p class="usa-intro" data-testid="summary-text">{{ narrative() }}</p>
        @if (!a.contentsVisible) {
          <cx-alert type="info" heading="Scores are not visible yet">
            This assessment is still a draft. You will see scores once the agency submits it.
          </cx-alert>
        } @else {
          <p class="font-body-lg" data-testid="total-score">
            <strong>Total: {{ total() }} of {{ maxTotal() }} points</strong> · {{ completion() }} of questions answered
          </p>
          <div class="grid-row grid-gap-4">
            <div class="tablet-lg:grid-col-6">
              <h2>Chart</h2>
              <cx-bar-chart
                [bars]="bars()"
                [max]="scaleMax()"
                unit="Current level"
                chartId="domain-levels"
                [title]="'Current level and target by area, ' + a.organizationName"
                caption="Current level is the average level of the answered questions in the area."
              />
            </div>
            <div class="tablet-lg:grid-col-6">
              <h2>Table</h2>
              <div class="usa-table-container--scrollable" tabindex="0" role="region" aria-labelledby="scores-caption">
                <table class="usa-table usa-table--borderless usa-table--compact" data-testid="scores-table">
                  <caption id="scores-caption">
                    Scores and targets by area
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Area</th>
                      <th scope="col">Score</th>
                      <th scope="col">Current level</th>
                      <th scope="col">Target</th>
                      <th scope="col">Gap</th>
                      <th scope="col">Below target</th>
                      <th scope="col">Last year</th>
                      <th scope="col">Change</th>
                    </tr>
                  </thead>
                  <tbody>
                    @for (d of domains(); track d.domainCode) {
                      <tr>
                        <th scope="row">
                          <a class="usa-link" [routerLink]="['/assessments', a.id, 'domains', d.domainCode]">{{ d.domainName }}</a>
                        </th>
                        <td>{{ num(d.score) }} / {{ num(d.maxPoints) }}</td>
                        <td>{{ num(d.currentLevel) }}</td>
                        <td>{{ num(d.targetLevel) }}</td>
                        <td>{{ num(d.gap) }}</td>
                        <td>{{ d.criteriaBelowTarget.length === 0 ? 'None' : d.criteriaBelowTarget.join(', ') }}</td>
                        <td>{{ lastYear(d.domainCode) }}</td>
                        <td>{{ change(d.domainCode) }}</td>
                      </tr>
                    }
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">Total</th>
                      <td>{{ total() }} / {{ maxTotal() }}</td>
                      <td colspan="6"></td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            </div>
          </div>
          @for (m of store.modules(); track m.framework.id) {
            <section [attr.aria-labelledby]="'module-' + m.framework.code" data-testid="module-scores">
              <h2 [id]="'module-' + m.framework.code">{{ m.framework.name }}</h2>
              <p>
                An optional module, reported separately: its {{ num(m.scores.total) }} of {{ num(m.scores.maxTotal) }} points are not part
                of the A-11 total above. {{ pct(m.scores.completion) }} of its questions are answered.
              </p>
              <div
                class="usa-table-container--scrollable"
                tabindex="0"
                role="region"
                [attr.aria-labelledby]="'module-caption-' + m.framework.code"
              >
                <table class="usa-table usa-table--borderless usa-table--compact">
                  <caption [id]="'module-caption-' + m.framework.code">
                    {{
                      m.framework.name
                    }}: scores by dimension
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Dimension</th>
                      <th scope="col">Score</th>
                      <th scope="col">Current level</th>
                      <th scope="col">Answered</th>
                    </tr>
                  </thead>
                  <tbody>
                    @for (d of m.scores.domains; track d.domainCode) {
                      <tr>
                        <th scope="row">
                          <a class="usa-link" [routerLink]="['/assessments', a.id, 'domains', d.domainCode]">{{ d.domainName }}</a>
                        </th>
                        <td>{{ num(d.score) }} / {{ num(d.maxPoints) }}</td>
                        <td>{{ num(d.currentLevel) }}</td>
                        <td>{{ d.answered }} of {{ d.applicable }}</td>
                      </tr>
                    }
                  </tbody>
                </table>
              </div>
            </section>
          }
        }
      }
    </div>
  `,
})
export class SummaryPage {
  readonly id = input.required<string>();
  protected readonly store = inject(AssessmentStore);
  protected readonly assessment = this.store.assessment;
  protected readonly domains = computed(() => this.assessment()?.scores.domains ?? []);
  protected readonly scaleMax = computed(() => Math.max(1, ...(this.store.framework()?.scale ?? []).map((s) => s.value)));
  protected readonly total = computed(() => formatNumber(this.assessment()?.scores.total ?? 0));
  protected readonly maxTotal = computed(() => formatNumber(this.assessment()?.scores.maxTotal ?? 0));
  protected readonly completion = computed(() => percent(this.assessment()?.scores.completion ?? 0));
  protected readonly bars = computed<BarDatum[]>(() =>
    this.domains().map((d) => ({ label: d.domainName, value: d.currentLevel, target: d.targetLevel })),
  );
  protected readonly narrative = computed(() => {
    const domains = this.domains();
    if (domains.length === 0) return '';
    const withGap = domains.filter((d) => (d.gap ?? 0) > 0).sort((x, y) => (y.gap ?? 0) - (x.gap ?? 0));
    const answered = domains.filter((d) => d.currentLevel !== null);
    const unset = domains.filter((d) => d.targetLevel === null).length;
    const parts = [
      `This assessment scores ${this.total()} of ${this.maxTotal()} points, with ${this.completion()} of questions answered.`,
      answered.length === 0 ? 'No area has answers yet.' : `${answered.length} of ${domains.length} areas have answers.`,
      withGap.length === 0
        ? 'No area is below its target.'
        : `The largest gap to target is in ${withGap[0].domainName} (${formatNumber(withGap[0].gap)} levels); ${withGap.length} ${withGap.length === 1 ? 'area is' : 'areas are'} below target.`,
      unset > 0 ? `${unset} ${unset === 1 ? 'area has' : 'areas have'} no target yet.` : '',
      this.yearOverYearText(),
    ];
    return parts.filter(Boolean).join(' ');
  });
  protected readonly num = formatNumber;
  protected readonly pct = percent;
  private readonly yoy = computed(() => new Map((this.assessment()?.yearOverYear ?? []).map((y) => [y.domainCode, y])));

  protected lastYear(domainCode: string): string {
    const previous = this.yoy().get(domainCode)?.previousScore;
    return previous === null || previous === undefined ? 'No score' : formatNumber(previous);
  }

  protected change(domainCode: string): string {
    return signedChange(this.yoy().get(domainCode)?.change ?? null);
  }

  private yearOverYearText(): string {
    const names = new Map(this.domains().map((d) => [d.domainCode, d.domainName]));
    const changes = (this.assessment()?.yearOverYear ?? []).filter(
      (y): y is typeof y & { change: number } => y.change !== null && y.change !== undefined,
    );
    if (changes.length === 0)
      return (this.assessment()?.previousAssessmentId ?? null) ? 'There are no scores from last year to compare with yet.' : '';
    const up = changes.filter((c) => c.change > 0).length;
    const down = changes.filter((c) => c.change < 0).length;
    const same = changes.length - up - down;
    const biggest = [...changes].sort((a, b) => Math.abs(b.change) - Math.abs(a.change))[0];
    const counts = `Compared with last year, ${up} ${up === 1 ? 'area' : 'areas'} went up, ${down} went down and ${same} stayed the same.`;
    if (biggest.change === 0) return counts;
    return `${counts} The largest change is in ${names.get(biggest.domainCode) ?? biggest.domainCode} (${signedChange(biggest.change)} points).`;
  }

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.store.load(id));
    });
  }
}
