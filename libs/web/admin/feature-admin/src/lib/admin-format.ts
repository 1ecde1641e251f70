import { CycleStatus } from '@cx/shared-domain';

/** What people see for the API's status and kind codes. */
const FRAMEWORK_STATUS_LABELS: Readonly<Record<string, string>> = { DRAFT: 'Draft', PUBLISHED: 'Published', RETIRED: 'Retired' };
const FRAMEWORK_KIND_LABELS: Readonly<Record<string, string>> = { CAPACITY: 'Capacity', SUPPLEMENTAL: 'Supplemental' };
const CYCLE_STATUS_LABELS: Readonly<Record<CycleStatus, string>> = {
  [CycleStatus.PLANNED]: 'Planned',
  [CycleStatus.OPEN]: 'Open',
  [CycleStatus.CLOSED]: 'Closed',
};

export function frameworkStatusLabel(status: string): string {
  return FRAMEWORK_STATUS_LABELS[status] ?? status;
}

export function frameworkKindLabel(kind: string): string {
  return FRAMEWORK_KIND_LABELS[kind] ?? kind;
}

export function cycleStatusLabel(status: CycleStatus): string {
  return CYCLE_STATUS_LABELS[status];
}

/** A YYYY-MM-DD calendar date as "January 28, 2028" (no time zone shift). */
export function formatDay(day: string | null): string {
  if (!day) return 'Not set';
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date)).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** An ISO timestamp as a local date, e.g. "Oct 1, 2026". */
export function formatTimestamp(value: string): string {
  return new Date(value).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
