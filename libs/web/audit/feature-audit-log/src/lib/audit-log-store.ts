import { Injectable, computed, inject, signal } from '@angular/core';
import { AuditOutcome } from '@cx/shared-domain';
import {
  AuditEventsDocument,
  AuditIntegrityDocument,
  GraphqlClient,
  errorMessage,
  type AuditEventFilter,
  type AuditEventsQuery,
  type AuditIntegrityQuery,
} from '@cx/web-shared-data-access-graphql';

export type AuditEvent = AuditEventsQuery['auditEvents']['items'][number];
export type AuditIntegrity = AuditIntegrityQuery['auditIntegrity'];

/** The hash-chain check, which OMB administrators run when they want it: it reads the whole trail. */
export type IntegrityCheck =
  { status: 'idle' | 'checking' } | { status: 'done'; result: AuditIntegrity } | { status: 'error'; error: string };

export const AUDIT_PAGE_SIZE = 25;

/** What people type into the filter form; dates are YYYY-MM-DD from <input type="date">. */
export interface AuditFilterForm {
  action: string;
  outcome: AuditOutcome | '';
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterForm = { action: '', outcome: '', from: '', to: '' };

/** Turns the form into the API filter: "to" includes the whole day, dates are read in local time. */
export function toAuditEventFilter(form: AuditFilterForm): AuditEventFilter {
  const filter: AuditEventFilter = {};
  if (form.action.trim()) filter.action = form.action.trim();
  if (form.outcome) filter.outcome = form.outcome;
  if (form.from) filter.from = new Date(`${form.from}T00:00:00`).toISOString();
  if (form.to) filter.to = new Date(`${form.to}T23:59:59.999`).toISOString();
  return filter;
}

interface AuditLogState {
  status: 'idle' | 'loading' | 'loaded' | 'error';
  error: string | null;
  filter: AuditFilterForm;
  items: AuditEvent[];
  totalCount: number;
  nextCursor: string | null;
  /** Cursors of the pages before the current one; the first page's cursor is null. */
  previousCursors: (string | null)[];
  currentCursor: string | null;
}

/** Cursor-paged, filterable audit events. */
@Injectable()
export class AuditLogStore {
  private readonly client = inject(GraphqlClient);
  private readonly state = signal<AuditLogState>({
    status: 'idle',
    error: null,
    filter: EMPTY_AUDIT_FILTER,
    items: [],
    totalCount: 0,
    nextCursor: null,
    previousCursors: [],
    currentCursor: null,
  });

  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  readonly filter = computed(() => this.state().filter);
  readonly items = computed(() => this.state().items);
  readonly totalCount = computed(() => this.state().totalCount);
  readonly hasNext = computed(() => this.state().nextCursor !== null);
  readonly hasPrevious = computed(() => this.state().previousCursors.length > 0);
  readonly firstIndex = computed(() => this.state().previousCursors.length * AUDIT_PAGE_SIZE + 1);
  readonly lastIndex = computed(() => this.firstIndex() + this.state().items.length - 1);
  private readonly integrityCheck = signal<IntegrityCheck>({ status: 'idle' });
  readonly integrity = this.integrityCheck.asReadonly();

  async checkIntegrity(): Promise<void> {
    this.integrityCheck.set({ status: 'checking' });
    try {
      const { auditIntegrity } = await this.client.request(AuditIntegrityDocument, {});
      this.integrityCheck.set({ status: 'done', result: auditIntegrity });
    } catch (error) {
      this.integrityCheck.set({ status: 'error', error: errorMessage(error) });
    }
  }

  applyFilter(filter: AuditFilterForm): Promise<void> {
    this.state.update((s) => ({ ...s, filter, previousCursors: [], currentCursor: null }));
    return this.fetch(null);
  }

  next(): Promise<void> {
    const { nextCursor, currentCursor } = this.state();
    if (nextCursor === null) return Promise.resolve();
    this.state.update((s) => ({ ...s, previousCursors: [...s.previousCursors, currentCursor] }));
    return this.fetch(nextCursor);
  }

  previous(): Promise<void> {
    const cursors = [...this.state().previousCursors];
    if (cursors.length === 0) return Promise.resolve();
    const cursor = cursors.pop() ?? null;
    this.state.update((s) => ({ ...s, previousCursors: cursors }));
    return this.fetch(cursor);
  }

  reload(): Promise<void> {
    return this.fetch(this.state().currentCursor);
  }

  private async fetch(after: string | null): Promise<void> {
    this.state.update((s) => ({ ...s, status: 'loading', error: null, currentCursor: after }));
    try {
      const { auditEvents } = await this.client.request(AuditEventsDocument, {
        filter: toAuditEventFilter(this.state().filter),
        first: AUDIT_PAGE_SIZE,
        after,
      });
      this.state.update((s) => ({
        ...s,
        status: 'loaded',
        items: auditEvents.items,
        totalCount: auditEvents.totalCount,
        nextCursor: auditEvents.nextCursor,
      }));
    } catch (error) {
      this.state.update((s) => ({ ...s, status: 'error', error: errorMessage(error) }));
    }
  }
}
