import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Role } from '@cx/shared-domain';
import { SessionStore } from '@cx/web-auth-data-access';
import { isGraphqlRequestError } from '@cx/web-shared-data-access-graphql';
import { Alert, LoadingIndicator, ModalDialog } from '@cx/web-shared-ui';
import { assessmentCsv } from './assessment-csv';
import { AssessmentStore, type AvailableModule } from './assessment-store';
import { formatDate, percent, statusLabel } from './format';
import { Presence } from './presence';

/** One assessment at a glance: status, deadlines, progress and who is working on each area. */
@Component({
  selector: 'cx-overview-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, LoadingIndicator, ModalDialog, Presence, RouterLink],
  providers: [AssessmentStore],
  template: `
    <div class="grid-container padding-y-4">
      @if (store.status() === 'error') {
        <h1>Assessment</h1>
        <cx-alert type="error" heading="We could not load this assessment">{{ store.error() }}</cx-alert>
      } @else if (!assessment()) {
        <h1>Assessment</h1>
        <cx-loading-indicator label="Loading the assessment…" />
      } @else {
        @let a = assessment()!;
        <nav class="usa-breadcrumb padding-top-0" aria-label="Breadcrumbs">
          <ol class="usa-breadcrumb__list">
            <li class="usa-breadcrumb__list-item"><a class="usa-breadcrumb__link" routerLink="/assessments">Assessments</a></li>
            <li class="usa-breadcrumb__list-item usa-current" aria-current="page">{{ a.organizationName }}</li>
          </ol>
        </nav>
        <h1 class="margin-top-0">{{ a.organizationName }}: FY {{ a.fiscalYear }} capacity assessment</h1>
        <p class="usa-intro">
          Status: <strong data-testid="assessment-status">{{ status(a.status) }}</strong> · {{ pct(a.scores.completion) }} of questions
          answered
        </p>
        <cx-presence [assessmentId]="a.id" />
        @if (canCarryForward()) {
          <section class="border-1px border-base-lighter padding-2 margin-y-3 radius-md" aria-labelledby="carry-heading">
            <h2 id="carry-heading" class="margin-top-0">Start from last year</h2>
            <p>Copy last year’s answers into the questions nobody has answered yet. You then confirm each one.</p>
            <button type="button" class="usa-button usa-button--outline" data-testid="carry-forward-open" (click)="carryOpen.set(true)">
              Start from last year
            </button>
          </section>
        }
        @if (carryResult(); as result) {
          <cx-alert [type]="result.kind === 'error' ? 'error' : 'success'" data-testid="carry-forward-result">{{ result.text }}</cx-alert>
        }
        <cx-modal-dialog [open]="carryOpen()" heading="Start from last year’s answers?" (dismissed)="carryOpen.set(false)">
          <p>
            Every question that has no answer yet gets last year’s answer and rationale. Each copied answer is marked “Carried forward —
            confirm” until someone checks it is still true and confirms it.
          </p>
          <p>Answers already given this year do not change.</p>
          <div cxModalFooter class="usa-button-group">
            <button type="button" class="usa-button" [disabled]="carrying()" (click)="carryForward()">Copy last year’s answers</button>
            <button type="button" class="usa-button usa-button--unstyled padding-105" (click)="carryOpen.set(false)">Cancel</button>
          </div>
        </cx-modal-dialog>
        @if (!a.contentsVisible) {
          <cx-alert type="info" heading="Answers are visible once submitted">
            This assessment is still a draft. You can follow its progress now; the answers and scores become visible when the agency submits
            it.
          </cx-alert>
        }
        @if (store.cycle(); as cycle) {
          <h2>Deadlines for {{ cycle.name }}</h2>
          <ul class="usa-list">
            <li>Capacity assessment due {{ date(cycle.assessmentDueOn) }}</li>
            <li>Draft action plan due {{ date(cycle.draftPlanDueOn) }}</li>
            <li>Final action plan due {{ date(cycle.finalPlanDueOn) }}</li>
          </ul>
        }
        <h2>Progress by area</h2>
        <div class="usa-table-container--scrollable" tabindex="0" role="region" aria-labelledby="progress-caption">
          <table class="usa-table usa-table--borderless" data-testid="progress-table">
            <caption id="progress-caption">
              Progress, review flags, targets and assignees by area
            </caption>
            <thead>
              <tr>
                <th scope="col">Area</th>
                <th scope="col">Answered</th>
                <th scope="col">Flagged for review</th>
                <th scope="col">Target level</th>
                <th scope="col">Assigned to</th>
              </tr>
            </thead>
            <tbody>
              @for (row of rows(); track row.code) {
                <tr>
                  <th scope="row">
                    <a class="usa-link" [routerLink]="['/assessments', a.id, 'domains', row.code]">{{ row.name }}</a>
                  </th>
                  <td>
                    {{ row.answered }} of {{ row.total }}
                    <progress
                      class="display-block"
                      [attr.max]="row.total || 1"
                      [value]="row.answered"
                      [attr.aria-label]="row.name + ' progress'"
                    >
                      {{ row.answered }} of {{ row.total }}
                    </progress>
                  </td>
                  <td>{{ row.markedForReview }}</td>
                  <td>{{ row.target ?? 'Not set' }}</td>
                  <td>{{ row.assignees }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <p><a class="usa-link" [routerLink]="['/assessments', a.id, 'summary']">See scores and targets</a></p>
        @if (a.contentsVisible) {
          <p>
            <button type="button" class="usa-button usa-button--outline" data-testid="download-csv" (click)="downloadCsv()">
              Download all answers (CSV)
            </button>
            <span class="display-block margin-top-1 text-base-dark"
              >One row per question, for a spreadsheet: level, rationale, flags, who is assigned, evidence.</span
            >
          </p>
        }

        <section aria-labelledby="modules-heading" data-testid="modules">
          <h2 id="modules-heading">Optional modules</h2>
          <p>Optional modules, such as civic experience, are scored and reported separately. They never count toward the A-11 score.</p>
          @for (m of moduleRows(); track m.id) {
            <h3>{{ m.name }}</h3>
            <ul class="usa-list">
              @for (row of m.areas; track row.code) {
                <li>
                  <a class="usa-link" [routerLink]="['/assessments', a.id, 'domains', row.code]">{{ row.name }}</a>: {{ row.answered }} of
                  {{ row.total }} answered
                </li>
              }
            </ul>
            @if (canChangeModules()) {
              <p class="usa-hint">Removing the module hides it; its answers are kept and come back if you add it again.</p>
              <button type="button" class="usa-button usa-button--outline" [disabled]="moduleBusy()" (click)="removeModule(m.id)">
                Remove {{ m.name }}
              </button>
            }
          } @empty {
            <p data-testid="no-modules">This assessment has no optional modules.</p>
          }
          @if (canChangeModules()) {
            @for (option of addable(); track option.id) {
              <div class="border-1px border-base-lighter padding-2 margin-y-2 radius-md">
                <h3 class="margin-top-0">{{ option.name }} (version {{ option.version }})</h3>
                <p>{{ option.description }}</p>
                <button type="button" class="usa-button" [disabled]="moduleBusy()" (click)="addModule(option.id)">
                  Add {{ option.name }}
                </button>
              </div>
            }
          }
          @if (moduleError(); as text) {
            <cx-alert type="error">{{ text }}</cx-alert>
          }
        </section>
      }
    </div>
  `,
})
export class OverviewPage {
  readonly id = input.required<string>();
  protected readonly store = inject(AssessmentStore);
  protected readonly assessment = this.store.assessment;
  protected readonly status = statusLabel;
  protected readonly pct = percent;
  protected readonly date = formatDate;
  private readonly session = inject(SessionStore);

  /** The CX lead of this HISP, while the assessment can still change: carries forward, adds and removes modules. */
  protected readonly canChangeModules = computed(() => {
    const a = this.assessment();
    if (!a?.canEdit) return false;
    return this.session.roleAssignments().some((r) => r.role === Role.AGENCY_CX_LEAD && r.organization.id === a.organizationId);
  });
  protected readonly canCarryForward = computed(() => this.canChangeModules() && Boolean(this.assessment()?.previousAssessmentId));
  private readonly available = signal<AvailableModule[]>([]);
  protected readonly addable = computed(() => {
    const added = new Set(this.store.modules().map((m) => m.framework.code));
    return this.available().filter((m) => !added.has(m.code));
  });
  protected readonly moduleBusy = signal(false);
  protected readonly moduleError = signal<string | null>(null);
  protected readonly moduleRows = computed(() =>
    this.store.modules().map((m) => ({
      id: m.framework.id,
      name: m.framework.name,
      areas: m.framework.domains.map((d) => {
        const score = m.scores.domains.find((x) => x.domainCode === d.code);
        return { code: d.code, name: d.name, answered: score?.answered ?? 0, total: score?.applicable ?? d.criteria.length };
      }),
    })),
  );

  protected async addModule(id: string): Promise<void> {
    await this.changeModule(() => this.store.addModule(id));
  }

  protected async removeModule(id: string): Promise<void> {
    await this.changeModule(() => this.store.removeModule(id));
  }

  private async changeModule(change: () => Promise<void>): Promise<void> {
    this.moduleBusy.set(true);
    this.moduleError.set(null);
    try {
      await change();
    } catch (error) {
      this.moduleError.set(isGraphqlRequestError(error) ? error.message : 'We could not change the modules. Try again.');
    } finally {
      this.moduleBusy.set(false);
    }
  }

  /** The answers as a CSV file, built from what the page holds (the API already scoped it to this person). */
  protected downloadCsv(): void {
    const a = this.assessment();
    const framework = this.store.framework();
    if (!a || !framework) return;
    const csv = assessmentCsv({
      parts: [
        { framework, moduleName: null },
        ...this.store.modules().map((m) => ({ framework: m.framework, moduleName: m.framework.name })),
      ],
      responses: this.store.responsesByCode(),
      evidence: this.store.evidenceByCode(),
      targets: new Map([...this.store.targetsByDomain()].map(([code, t]) => [code, t.targetLevel])),
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    link.download = `${a.organizationName} FY ${a.fiscalYear} capacity assessment.csv`.replace(/[\\/:*?"<>|]/g, '-');
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  protected readonly carryOpen = signal(false);
  protected readonly carrying = signal(false);
  protected readonly carryResult = signal<{ kind: 'done' | 'error'; text: string } | null>(null);

  protected readonly rows = computed(() => {
    const assessment = this.assessment();
    const framework = this.store.framework();
    if (!assessment || !framework) return [];
    const scores = this.store.scoresByDomain();
    const responses = this.store.responsesByCode();
    return framework.domains.map((d) => {
      const score = scores.get(d.code);
      const names = [...new Set(d.criteria.map((c) => responses.get(c.code)?.assignee?.displayName).filter((n): n is string => !!n))];
      return {
        code: d.code,
        name: d.name,
        answered: score?.answered ?? 0,
        total: score?.applicable ?? d.criteria.length,
        markedForReview: score?.markedForReview ?? 0,
        target: score?.targetLevel ?? this.store.targetsByDomain().get(d.code)?.targetLevel ?? null,
        assignees: names.length > 0 ? names.join(', ') : assessment.contentsVisible ? 'No one yet (the CX lead answers)' : 'Not shown',
      };
    });
  });

  protected async carryForward(): Promise<void> {
    this.carrying.set(true);
    try {
      const count = await this.store.carryForward();
      this.carryResult.set({
        kind: 'done',
        text:
          count === 0
            ? 'No answers were carried forward: every question that had an answer last year already has one this year.'
            : `${count} ${count === 1 ? 'answer was' : 'answers were'} carried forward from last year. Each is marked “Carried forward — confirm” until someone confirms it.`,
      });
    } catch (error) {
      this.carryResult.set({
        kind: 'error',
        text: isGraphqlRequestError(error) ? error.message : 'We could not copy last year’s answers. Try again.',
      });
    } finally {
      this.carrying.set(false);
      this.carryOpen.set(false);
    }
  }

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.store.load(id));
    });
    // The modules a CX lead could add, fetched once they are known to be able to.
    let fetched = false;
    effect(() => {
      if (!this.canChangeModules() || fetched) return;
      fetched = true;
      untracked(() => {
        this.store.availableModules().then(
          (modules) => this.available.set(modules),
          () => this.available.set([]),
        );
      });
    });
  }
}
