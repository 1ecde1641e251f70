import { Injectable, computed, inject } from '@angular/core';
import {
  AdminCyclesDocument,
  CloseCycleDocument,
  GraphqlClient,
  LoadState,
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
  private readonly loaded = new LoadState<{ cycles: Cycle[]; frameworks: AdminFrameworkVersionFieldsFragment[] }>({
    cycles: [],
    frameworks: [],
  });

  readonly status = this.loaded.status;
  readonly error = this.loaded.error;
  readonly cycles = computed(() => this.loaded.data().cycles);
  /** Only a published capacity framework can be chosen for a new cycle (the API refuses anything else). */
  readonly selectableFrameworks = computed(() =>
    this.loaded.data().frameworks.filter((f) => f.status === 'PUBLISHED' && f.kind === 'CAPACITY'),
  );
  private readonly frameworkById = computed(() => new Map(this.loaded.data().frameworks.map((f) => [f.id, f])));

  frameworkLabel(id: string | null): string {
    const framework = id ? this.frameworkById().get(id) : undefined;
    if (!framework) return 'Not set';
    return `${framework.code} ${framework.version}${framework.status === 'RETIRED' ? ' (retired)' : ''}`;
  }

  load(): Promise<void> {
    return this.loaded.load(async () => {
      const { cycles, frameworkVersions } = await this.client.request(AdminCyclesDocument);
      return { cycles, frameworks: frameworkVersions };
    });
  }

  /** Closes an open cycle (its assessments become read-only) and refreshes the table; rejects with the API's error. */
  async close(id: string): Promise<Cycle> {
    const { closeCycle } = await this.client.request(CloseCycleDocument, { id });
    await this.load();
    return closeCycle;
  }

  /** Opens the cycle (idempotent on the server) and refreshes the table; rejects with the API's error. */
  async open(input: OpenCycleInput): Promise<OpenCycleResult> {
    const { openCycle } = await this.client.request(OpenCycleDocument, { input });
    await this.load();
    return openCycle;
  }
}
