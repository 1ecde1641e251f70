import { computed, signal } from '@angular/core';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'error';

/** The message to show for a failed load. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What a store has fetched, with its loading state: idle → loading → loaded | error. Data from an
 * earlier load stays visible while reloading and after a failed reload.
 */
export class LoadState<T> {
  private readonly state;

  readonly status;
  readonly error;
  readonly data;

  constructor(initial: T) {
    this.state = signal<{ status: LoadStatus; error: string | null; data: T }>({ status: 'idle', error: null, data: initial });
    this.status = computed(() => this.state().status);
    this.error = computed(() => this.state().error);
    this.data = computed(() => this.state().data);
  }

  /** Runs `fetch` and keeps its result; a failure becomes `error` (never thrown). */
  async load(fetch: () => Promise<T>): Promise<void> {
    this.state.update((s) => ({ ...s, status: 'loading', error: null }));
    try {
      const data = await fetch();
      this.state.set({ status: 'loaded', error: null, data });
    } catch (error) {
      this.state.update((s) => ({ ...s, status: 'error', error: errorMessage(error) }));
    }
  }

  /** Changes the loaded data in place (after a mutation answered with the new values). */
  update(change: (data: T) => T): void {
    this.state.update((s) => ({ ...s, data: change(s.data) }));
  }
}
