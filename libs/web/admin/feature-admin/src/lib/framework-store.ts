import { Injectable, inject } from '@angular/core';
import { ErrorCode } from '@cx/shared-domain';
import {
  AdminFrameworkVersionDocument,
  AdminFrameworkVersionsDocument,
  GraphqlClient,
  LoadState,
  errorMessage,
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

/** Plain-language reason a publish or retire was refused; the API's CONFLICT says which state the version is in. */
export function frameworkActionError(action: FrameworkAction, error: unknown): string {
  if (isGraphqlRequestError(error, ErrorCode.CONFLICT)) {
    if (action === 'publish') return 'This version is no longer a draft: someone has published or retired it already.';
    return error.extensions['status'] === 'DRAFT'
      ? 'This version is still a draft, so it cannot be retired. Only a published version can be retired.'
      : 'This version is already retired.';
  }
  return errorMessage(error);
}

/** Every framework version, plus importing, publishing and retiring them (OMB administrators). */
@Injectable()
export class FrameworkVersionsStore {
  private readonly client = inject(GraphqlClient);
  private readonly list = new LoadState<FrameworkVersion[]>([]);

  readonly status = this.list.status;
  readonly error = this.list.error;
  readonly items = this.list.data;

  load(): Promise<void> {
    return this.list.load(async () => (await this.client.request(AdminFrameworkVersionsDocument)).frameworkVersions);
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
      this.list.update((items) => items.map((item) => (item.id === id ? updated : item)));
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
  private readonly detail = new LoadState<FrameworkVersionDetail | null>(null);

  readonly status = this.detail.status;
  readonly error = this.detail.error;
  readonly version = this.detail.data;

  load(id: string): Promise<void> {
    return this.detail.load(async () => (await this.client.request(AdminFrameworkVersionDocument, { id })).frameworkVersion);
  }
}
