import { Injectable, computed, inject, signal } from '@angular/core';
import { ErrorCode } from '@cx/shared-domain';
import {
  AdminFrameworkVersionDocument,
  AdminFrameworkVersionsDocument,
  GraphqlClient,
  ImportFrameworkDocument,
  PublishFrameworkVersionDocument,
  RetireFrameworkVersionDocument,
  isGraphqlRequestError,
  type AdminFrameworkVersionFieldsFragment,
  type AdminFrameworkVersionQuery,
  type ImportFrameworkMutation,
} from '@cx/web-shared-data-access-graphql';

export type FrameworkVersion = AdminFrameworkVersionFieldsFragment;
export type FrameworkVersionDetail = AdminFrameworkVersionQuery['frameworkVersion'];
export type FrameworkImportResult = ImportFrameworkMutation['importFramework'];
export type FrameworkAction = 'publish' | 'retire';

type Status = 'idle' | 'loading' | 'loaded' | 'error';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Plain-language reason a publish or retire was refused; the API's CONFLICT says which state the version is in. */
export function frameworkActionError(action: FrameworkAction, error: unknown): string {
  if (isGraphqlRequestError(error, ErrorCode.CONFLICT)) {
    if (action === 'publish') return 'This version is no longer a draft: someone has published or retired it already.';
    return error.extensions['status'] === 'DRAFT'
      ? 'This version is still a draft, so it cannot be retired. Only a published version can be retired.'
      : 'This version is already retired.';
  }
  return message(error);
}

/** Every framework version, plus importing, publishing and retiring them (OMB administrators). */
@Injectable()
export class FrameworkVersionsStore {
  private readonly client = inject(GraphqlClient);
  private readonly state = signal<{ status: Status; error: string | null; items: FrameworkVersion[] }>({
    status: 'idle',
    error: null,
    items: [],
  });

  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  readonly items = computed(() => this.state().items);

  async load(): Promise<void> {
    this.state.update((s) => ({ ...s, status: 'loading', error: null }));
    try {
      const { frameworkVersions } = await this.client.request(AdminFrameworkVersionsDocument);
      this.state.set({ status: 'loaded', error: null, items: frameworkVersions });
    } catch (error) {
      this.state.update((s) => ({ ...s, status: 'error', error: message(error) }));
    }
  }

  /** Imports a file (all or nothing) and refreshes the list; rejects with the API's error. */
  async importFile(fileContent: string, publish: boolean): Promise<FrameworkImportResult> {
    const { importFramework } = await this.client.request(ImportFrameworkDocument, { input: { fileContent, publish } });
    await this.load();
    return importFramework;
  }

  /** Publishes or retires a version and puts the result in the list; on a conflict the list is refreshed. */
  async apply(action: FrameworkAction, id: string): Promise<FrameworkVersion> {
    try {
      const updated =
        action === 'publish'
          ? (await this.client.request(PublishFrameworkVersionDocument, { id })).publishFrameworkVersion
          : (await this.client.request(RetireFrameworkVersionDocument, { id })).retireFrameworkVersion;
      this.state.update((s) => ({ ...s, items: s.items.map((item) => (item.id === id ? updated : item)) }));
      return updated;
    } catch (error) {
      if (isGraphqlRequestError(error, ErrorCode.CONFLICT)) await this.load();
      throw error;
    }
  }
}

/** One framework version with its domains, criteria and level descriptors (read-only). */
@Injectable()
export class FrameworkVersionStore {
  private readonly client = inject(GraphqlClient);
  private readonly state = signal<{ status: Status; error: string | null; version: FrameworkVersionDetail | null }>({
    status: 'idle',
    error: null,
    version: null,
  });

  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  readonly version = computed(() => this.state().version);

  async load(id: string): Promise<void> {
    this.state.set({ status: 'loading', error: null, version: null });
    try {
      const { frameworkVersion } = await this.client.request(AdminFrameworkVersionDocument, { id });
      this.state.set({ status: 'loaded', error: null, version: frameworkVersion });
    } catch (error) {
      this.state.set({ status: 'error', error: message(error), version: null });
    }
  }
}
