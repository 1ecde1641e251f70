import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Cycle } from './home-store';

export interface Deadline {
  label: string;
  dueOn: string;
  /** Whole days from today to the due date; negative once it has passed. */
  daysRemaining: number;
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** Days between today (local calendar date) and a YYYY-MM-DD due date. */
export function daysUntil(dueOn: string, today: Date): number {
  const [year, month, day] = dueOn.split('-').map(Number);
  const due = Date.UTC(year, month - 1, day);
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((due - start) / MS_PER_DAY);
}

export function describeDaysRemaining(days: number): string {
  if (days > 1) return `${days} days left`;
  if (days === 1) return '1 day left';
  if (days === 0) return 'Due today';
  return days === -1 ? '1 day ago' : `${-days} days ago`;
}

export function formatDueDate(dueOn: string): string {
  const [year, month, day] = dueOn.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

export function cycleDeadlines(cycle: Cycle, today: Date): Deadline[] {
  const entries: [string, string | null][] = [
    ['Capacity assessment due', cycle.assessmentDueOn],
    ['Draft action plan due', cycle.draftPlanDueOn],
    ['Final action plan due', cycle.finalPlanDueOn],
  ];
  return entries
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([label, dueOn]) => ({ label, dueOn, daysRemaining: daysUntil(dueOn, today) }));
}

/** The current cycle's three deadlines with days remaining. */
@Component({
  selector: 'cx-cycle-deadlines',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="cycle-heading" class="margin-bottom-4" data-testid="cycle-deadlines">
      <h2 id="cycle-heading">Current cycle: {{ cycle().name }}</h2>
      <table class="usa-table usa-table--borderless">
        <caption class="usa-sr-only">
          Deadlines for
          {{
            cycle().name
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">Deadline</th>
            <th scope="col">Due date</th>
            <th scope="col">Time left</th>
          </tr>
        </thead>
        <tbody>
          @for (deadline of deadlines(); track deadline.label) {
            <tr>
              <th scope="row">{{ deadline.label }}</th>
              <td>{{ format(deadline.dueOn) }}</td>
              <td>{{ describe(deadline.daysRemaining) }}</td>
            </tr>
          }
        </tbody>
      </table>
    </section>
  `,
})
export class CycleDeadlines {
  readonly cycle = input.required<Cycle>();
  readonly today = input<Date>(new Date());

  protected readonly deadlines = computed(() => cycleDeadlines(this.cycle(), this.today()));
  protected readonly format = formatDueDate;
  protected readonly describe = describeDaysRemaining;
}
