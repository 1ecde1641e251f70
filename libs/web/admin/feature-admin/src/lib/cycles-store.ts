import { Injectable, computed, inject, signal } from '@angular/core';
import {
  AdminCyclesDocument,
  GraphqlClient,
  OpenCycleDocument,
  type AdminCycleFieldsFragment,
  type AdminFrameworkVersionFieldsFragment,
  type OpenCycleInput,
  type OpenCycleMutation,
} from '@cx/web-shared-data-access-graphql';

export type Cycle = AdminCycleFieldsFragment;
export type OpenCycleResult = OpenCycleMutation['openCycle'];

/** Cycles, newest first, and the framework versions they refer to; opening a cycle (OMB administrators). */
@Injectable()
export class CyclesStore {
  private readonly client = inject(GraphqlClient);
  private readonly state = signal<{
    status: 'idle' | 'loading' | 'loaded' | 'error';
    error: string | null;
    cycles: Cycle[];
    frameworks: AdminFrameworkVersionFieldsFragment[];
  }>({ status: 'idle', error: null, cycles: [], frameworks: [] });

  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  readonly cycles = computed(() => this.state().cycles);
  /** Only a published capacity framework can be chosen for a new cycle (the API refuses anything else). */
  readonly selectableFrameworks = computed(() => this.state().frameworks.filter((f) => f.status === 'PUBLISHED' && f.kind === 'CAPACITY'));
  private readonly frameworkById = computed(() => new Map(this.state().frameworks.map((f) => [f.id, f])));

  frameworkLabel(id: string | null): string {
    const framework = id ? this.frameworkById().get(id) : undefined;
    if (!framework) return 'Not set';
    return `${framework.code} ${framework.version}${framework.status === 'RETIRED' ? ' (retired)' : ''}`;
  }

  async load(): Promise<void> {
    this.state.update((s) => ({ ...s, status: 'loading', error: null }));
    try {
      const { cycles, frameworkVersions } = await this.client.request(AdminCyclesDocument);
      this.state.set({ status: 'loaded', error: null, cycles, frameworks: frameworkVersions });
    } catch (error) {
      this.state.update((s) => ({ ...s, status: 'error', error: error instanceof Error ? error.message : String(error) }));
    }
  }

  /** Opens the cycle (idempotent on the server) and refreshes the table; rejects with the API's error. */
  async open(input: OpenCycleInput): Promise<OpenCycleResult> {
    const { openCycle } = await this.client.request(OpenCycleDocument, { input });
    await this.load();
    return openCycle;
  }
}
