import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { GraphqlClient, TouchAssessmentPresenceDocument } from '@cx/web-shared-data-access-graphql';

export const PRESENCE_INTERVAL_MS = 30_000;

/** "Ben Carter", "Ben Carter and Dana Whitfield", "A, B and C". */
export function viewerList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Tells the API this person has the assessment open (on load, then every 30 seconds
 * while the page is open) and says who else has it open.
 */
@Component({
  selector: 'cx-presence',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="margin-y-1 text-base-dark" aria-live="polite" data-testid="presence">
      @if (text()) {
        {{ text() }}
      }
    </p>
  `,
})
export class Presence {
  readonly assessmentId = input.required<string>();

  private readonly client = inject(GraphqlClient);
  private readonly others = signal<string[]>([]);
  private timer: ReturnType<typeof setInterval> | null = null;
  private destroyed = false;

  protected readonly text = computed(() => (this.others().length > 0 ? `Also viewing now: ${viewerList(this.others())}` : ''));

  constructor() {
    effect(() => {
      const id = this.assessmentId();
      untracked(() => this.start(id));
    });
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.stop();
    });
  }

  private start(id: string): void {
    this.stop();
    this.others.set([]);
    void this.touch(id);
    this.timer = setInterval(() => void this.touch(id), PRESENCE_INTERVAL_MS);
  }

  private stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private async touch(id: string): Promise<void> {
    try {
      const { touchAssessmentPresence } = await this.client.request(TouchAssessmentPresenceDocument, { assessmentId: id });
      if (this.destroyed || id !== this.assessmentId()) return;
      const names = [...new Set(touchAssessmentPresence.map((v) => v.displayName))].sort((a, b) => a.localeCompare(b));
      this.others.set(names);
    } catch {
      // Presence is a courtesy: if it fails, the page works as before and the next heartbeat tries again.
    }
  }
}
