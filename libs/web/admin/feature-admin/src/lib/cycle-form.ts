import type { FieldError } from '@cx/shared-domain';
import type { OpenCycleInput } from '@cx/web-shared-data-access-graphql';
import { plural } from './admin-format';

export type CycleField = 'fiscalYear' | 'name' | 'frameworkVersionId' | 'assessmentDueOn' | 'draftPlanDueOn' | 'finalPlanDueOn';

/** In the order they appear on the form, which is also the error summary's order. */
export const CYCLE_FIELDS: readonly CycleField[] = [
  'fiscalYear',
  'name',
  'frameworkVersionId',
  'assessmentDueOn',
  'draftPlanDueOn',
  'finalPlanDueOn',
];

/** What people type; dates are YYYY-MM-DD from <input type="date">. */
export type CycleForm = Record<CycleField, string>;

export const EMPTY_CYCLE_FORM: CycleForm = {
  fiscalYear: '',
  name: '',
  frameworkVersionId: '',
  assessmentDueOn: '',
  draftPlanDueOn: '',
  finalPlanDueOn: '',
};

export type CycleFieldErrors = Partial<Record<CycleField, string>>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_LABELS: Readonly<Record<'assessmentDueOn' | 'draftPlanDueOn' | 'finalPlanDueOn', string>> = {
  assessmentDueOn: 'the date the capacity assessment is due',
  draftPlanDueOn: 'the date the draft action plan is due',
  finalPlanDueOn: 'the date the final action plan is due',
};

/** Checks that need no server: something in every required field, in the right shape. The API checks the rest (e.g. date order). */
export function validateCycleForm(form: CycleForm): CycleFieldErrors {
  const errors: CycleFieldErrors = {};
  const year = form.fiscalYear.trim();
  if (!year) errors.fiscalYear = 'Enter the fiscal year, for example 2028.';
  else if (!/^\d{4}$/.test(year) || Number(year) < 2018 || Number(year) > 2100) {
    errors.fiscalYear = 'Enter the fiscal year as 4 digits, from 2018 to 2100.';
  }
  if (form.name.trim().length > 100) errors.name = 'Keep the name to 100 characters or fewer.';
  if (!form.frameworkVersionId) errors.frameworkVersionId = 'Choose a published capacity framework.';
  for (const field of ['assessmentDueOn', 'draftPlanDueOn', 'finalPlanDueOn'] as const) {
    if (!DAY.test(form[field])) errors[field] = `Enter ${DATE_LABELS[field]}.`;
  }
  return errors;
}

/**
 * Maps API problems (paths such as `input.draftPlanDueOn`) to the form's fields. Problems that
 * match no field are returned separately so they are shown rather than lost.
 */
export function toCycleFieldErrors(problems: readonly FieldError[]): { fields: CycleFieldErrors; other: string[] } {
  const fields: CycleFieldErrors = {};
  const other: string[] = [];
  for (const { path, message } of problems) {
    const field = CYCLE_FIELDS.find((name) => path === name || path.endsWith(`.${name}`));
    if (!field) other.push(message);
    else if (!fields[field]) fields[field] = message;
  }
  return { fields, other };
}

export function toOpenCycleInput(form: CycleForm): OpenCycleInput {
  const name = form.name.trim();
  return {
    fiscalYear: Number(form.fiscalYear.trim()),
    ...(name ? { name } : {}),
    frameworkVersionId: form.frameworkVersionId,
    assessmentDueOn: form.assessmentDueOn,
    draftPlanDueOn: form.draftPlanDueOn,
    finalPlanDueOn: form.finalPlanDueOn,
  };
}

/** "FY 2028 opened: 15 assessments created." — or, when run again, that nothing new was created. */
export function describeOpenCycle(fiscalYear: number, assessmentsCreated: number): string {
  return assessmentsCreated === 0
    ? `FY ${fiscalYear} opened: nothing new created. Every high-impact service provider already has an assessment in this cycle.`
    : `FY ${fiscalYear} opened: ${plural(assessmentsCreated, 'assessment')} created.`;
}
