import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ErrorCode } from '@cx/shared-domain';
import { isGraphqlRequestError } from '@cx/web-shared-data-access-graphql';
import { Alert, EmptyState, ErrorSummary, LoadingIndicator, ModalDialog, type ErrorSummaryItem } from '@cx/web-shared-ui';
import { cycleStatusLabel, formatDay } from './admin-format';
import type { Cycle } from './cycles-store';
import {
  CYCLE_FIELDS,
  EMPTY_CYCLE_FORM,
  describeOpenCycle,
  toCycleFieldErrors,
  toOpenCycleInput,
  validateCycleForm,
  type CycleField,
  type CycleFieldErrors,
  type CycleForm,
} from './cycle-form';
import { CyclesStore } from './cycles-store';

const FIELD_ID: Readonly<Record<CycleField, string>> = {
  fiscalYear: 'cycle-fiscal-year',
  name: 'cycle-name',
  frameworkVersionId: 'cycle-framework',
  assessmentDueOn: 'cycle-assessment-due',
  draftPlanDueOn: 'cycle-draft-plan-due',
  finalPlanDueOn: 'cycle-final-plan-due',
};

/** Fields that have a hint, so aria-describedby names both the hint and any error. */
/** The three deadlines share one form-group template. */
const DATE_FIELDS: ReadonlyArray<{ field: 'assessmentDueOn' | 'draftPlanDueOn' | 'finalPlanDueOn'; label: string; hint: string | null }> = [
  { field: 'assessmentDueOn', label: 'Capacity assessment due', hint: null },
  { field: 'draftPlanDueOn', label: 'Draft action plan due', hint: 'After the assessment is due' },
  { field: 'finalPlanDueOn', label: 'Final action plan due', hint: 'After the draft action plan is due' },
];
const HAS_HINT: ReadonlySet<CycleField> = new Set<CycleField>([
  'fiscalYear',
  'name',
  'frameworkVersionId',
  ...DATE_FIELDS.filter((d) => d.hint).map((d) => d.field),
]);

/** OMB administrators: every cycle, and opening a fiscal year's cycle (one assessment per HISP). */
@Component({
  selector: 'cx-cycles-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, EmptyState, ErrorSummary, LoadingIndicator, ModalDialog, RouterLink],
  providers: [CyclesStore],
  templateUrl: './cycles-page.html',
})
export class CyclesPage {
  protected readonly store = inject(CyclesStore);

  protected readonly ids = FIELD_ID;
  protected readonly dateFields = DATE_FIELDS;
  protected readonly form = signal<CycleForm>({ ...EMPTY_CYCLE_FORM });
  protected readonly fieldErrors = signal<CycleFieldErrors>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly success = signal<string | null>(null);
  protected readonly busy = signal(false);
  /** The cycle the admin is asked to confirm closing. */
  protected readonly closing = signal<Cycle | null>(null);
  protected readonly closeResult = signal<{ kind: 'success' | 'error'; text: string } | null>(null);

  protected readonly summary = computed<ErrorSummaryItem[]>(() => {
    const errors = this.fieldErrors();
    return CYCLE_FIELDS.flatMap((field) => {
      const message = errors[field];
      return message ? [{ fieldId: FIELD_ID[field], message }] : [];
    });
  });

  protected readonly statusLabel = cycleStatusLabel;
  protected readonly formatDay = formatDay;

  constructor() {
    void this.store.load();
  }

  protected async closeCycle(): Promise<void> {
    const cycle = this.closing();
    if (!cycle || this.busy()) return;
    this.busy.set(true);
    try {
      await this.store.close(cycle.id);
      this.closeResult.set({ kind: 'success', text: `FY ${cycle.fiscalYear} is closed. Its assessments can no longer be changed.` });
    } catch (error) {
      this.closeResult.set({
        kind: 'error',
        text: isGraphqlRequestError(error, ErrorCode.CONFLICT)
          ? `FY ${cycle.fiscalYear} is not open any more; the table now shows its current state.`
          : 'The cycle was not closed. Try again.',
      });
      await this.store.load();
    } finally {
      this.busy.set(false);
      this.closing.set(null);
    }
  }

  protected errorId(field: CycleField): string {
    return `${FIELD_ID[field]}-error`;
  }

  protected describedBy(field: CycleField): string | null {
    const ids = [HAS_HINT.has(field) ? `${FIELD_ID[field]}-hint` : null, this.fieldErrors()[field] ? this.errorId(field) : null];
    return ids.filter(Boolean).join(' ') || null;
  }

  protected update(field: CycleField, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value;
    this.form.update((form) => ({ ...form, [field]: value }));
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    // Cleared first so a repeated failure renders a new summary, which takes focus again.
    this.fieldErrors.set({});
    this.formError.set(null);
    this.success.set(null);
    const form = this.form();
    const problems = validateCycleForm(form);
    if (Object.keys(problems).length > 0) {
      this.fieldErrors.set(problems);
      return;
    }
    this.busy.set(true);
    try {
      const input = toOpenCycleInput(form);
      const result = await this.store.open(input);
      this.success.set(describeOpenCycle(result.cycle.fiscalYear, result.assessmentsCreated));
    } catch (error) {
      if (isGraphqlRequestError(error, ErrorCode.BAD_USER_INPUT) && error.fieldErrors.length > 0) {
        const { fields, other } = toCycleFieldErrors(error.fieldErrors);
        this.fieldErrors.set(fields);
        if (other.length > 0) this.formError.set(other.join(' '));
      } else if (isGraphqlRequestError(error, ErrorCode.CONFLICT)) {
        this.formError.set(
          `FY ${form.fiscalYear.trim()} already has assessments on another framework version. They keep the version they started with, so choose the version the cycle already uses.`,
        );
      } else {
        this.formError.set(error instanceof Error ? error.message : 'The cycle could not be opened. Try again.');
      }
    } finally {
      this.busy.set(false);
    }
  }
}
