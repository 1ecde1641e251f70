import { Injectable } from '@nestjs/common';
import {
  type Actor,
  actorRoleLabels,
  BadUserInputError,
  type OrganizationScope,
  ALL_ORGANIZATIONS,
  type RequestMeta,
} from '@cx/api-shared-graphql';
import { AuditOutcome } from '@cx/shared-domain';
import { DataSource, type EntityManager } from 'typeorm';

import { AuditEventEntity } from './entities/audit-event.entity';

export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

export interface AuditEntry {
  actor?: Actor | null;
  /** For events before a session exists (sign-in), who the actor claims or turns out to be. */
  actorUserId?: string | null;
  actorDisplayName?: string | null;
  meta: RequestMeta;
  action: string;
  outcome: AuditOutcome;
  subjectType?: string | null;
  subjectId?: string | null;
  organizationId?: string | null;
  changes?: AuditChanges | null;
  message?: string | null;
}

export interface AuditQuery {
  action?: string;
  outcome?: AuditOutcome;
  organizationId?: string;
  actorUserId?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
}

export interface AuditPage {
  items: AuditEventEntity[];
  totalCount: number;
  nextCursor: string | null;
}

/** Lists the fields whose value differs, with before and after, for the audit record. */
export function diffChanges<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): AuditChanges {
  const changes: AuditChanges = {};
  for (const f of fields) {
    if (JSON.stringify(before[f]) !== JSON.stringify(after[f])) changes[f] = { before: before[f] ?? null, after: after[f] ?? null };
  }
  return changes;
}

function encodeCursor(e: Pick<AuditEventEntity, 'occurredAt' | 'id'>): string {
  return Buffer.from(`${e.occurredAt.toISOString()}|${e.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const occurredAt = new Date(iso ?? '');
  if (!id || Number.isNaN(occurredAt.getTime()))
    throw BadUserInputError.field('after', 'This page link is no longer valid. Start again from the first page.');
  return { occurredAt, id };
}

/** An error that carries the DENIED event to record for it. */
export type DeniedError<E extends Error = Error> = E & { deniedAudit: AuditEntry };

/**
 * Marks a refusal for audit: `AuditService.recordDenials` writes the DENIED event once any transaction
 * has rolled back. The one way services record denials.
 */
export function withDeniedAudit<E extends Error>(error: E, entry: Omit<AuditEntry, 'outcome'>): DeniedError<E> {
  return Object.assign(error, { deniedAudit: { ...entry, outcome: AuditOutcome.DENIED } });
}

/** The parameters of `auditInsertSql`, in its order. */
export function auditParams(entry: AuditEntry): unknown[] {
  const changes = entry.changes && Object.keys(entry.changes).length > 0 ? entry.changes : null;
  return [
    entry.actor?.userId ?? entry.actorUserId ?? null,
    entry.actor?.displayName ?? entry.actorDisplayName ?? null,
    JSON.stringify(entry.actor ? actorRoleLabels(entry.actor) : []),
    entry.organizationId ?? null,
    entry.action,
    entry.subjectType ?? null,
    entry.subjectId ?? null,
    entry.outcome,
    entry.meta.requestId || null,
    entry.meta.clientIp,
    changes ? JSON.stringify(changes) : null,
    entry.message ?? null,
  ];
}

/**
 * An INSERT of the event for each row of `from` (a table expression), its parameters (`auditParams`) numbered
 * from `offset + 1`. Inside a `WITH` after the change's own `… RETURNING`, the event is written by the same
 * statement and only if the change happened: one round trip fewer on hot paths such as autosave.
 * `changesSql`: an expression (on the rows of `from`) for the changes, when only the statement knows them; the
 * changes parameter is then null, and still referenced so that PostgreSQL knows its type.
 */
export function auditInsertSql(offset: number, from: string, options: { changesSql?: string } = {}): string {
  const $ = (i: number): string => `$${offset + i}`;
  return `INSERT INTO audit_event (actor_user_id, actor_display_name, actor_roles, organization_id, action, subject_type, subject_id,
                                   outcome, request_id, client_ip, changes, message)
          SELECT ${$(1)}::uuid, ${$(2)}::varchar, ${$(3)}::jsonb, ${$(4)}::uuid, ${$(5)}::varchar, ${$(6)}::varchar, ${$(7)}::varchar,
                 ${$(8)}::varchar, ${$(9)}::varchar, ${$(10)}::varchar,
                 ${options.changesSql ? `COALESCE(${$(11)}::jsonb, ${options.changesSql})` : `${$(11)}::jsonb`}, ${$(12)}::text FROM ${from}`;
}

/** `auditInsertSql` with its parameters. */
export function auditInsert(entry: AuditEntry, offset: number, from: string): { sql: string; params: unknown[] } {
  return { sql: auditInsertSql(offset, from), params: auditParams(entry) };
}

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes the event with `manager`, so it commits or rolls back with the change it describes.
   * A plain INSERT: every audited change pays for it, and TypeORM's entity insert (metadata walk,
   * RETURNING of generated columns) cost more than the statement itself.
   */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const { sql, params } = auditInsert(entry, 0, '(VALUES (1)) AS one');
    await manager.query(sql, params);
  }

  /**
   * Runs `work`; if it fails with an error carrying `deniedAudit`, records that DENIED event
   * after the failed transaction has rolled back (inside it, the event would be rolled back too,
   * and on the embedded database a second connection would wait for the first forever).
   */
  async recordDenials<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      const denied = err as { deniedAudit?: AuditEntry } | null;
      const entry = denied?.deniedAudit;
      if (entry && denied) {
        // Once only, when refusals pass through nested calls.
        denied.deniedAudit = undefined;
        await this.recordAlone(entry);
      }
      throw err;
    }
  }

  /** For events with no surrounding change (denials, failed sign-ins). */
  recordAlone(entry: AuditEntry): Promise<void> {
    return this.record(this.dataSource.manager, entry);
  }

  /** How many events of `actions` came from `clientIp` in the last `seconds`: a rate limit shared by every API replica. */
  async countRecentFromIp(actions: readonly string[], clientIp: string | null, seconds: number): Promise<number> {
    const row = await this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .select('COUNT(*)', 'n')
      .where('e.action IN (:...actions)', { actions })
      .andWhere(clientIp === null ? 'e.client_ip IS NULL' : 'e.client_ip = :clientIp', { clientIp })
      .andWhere(`e.occurred_at > now() - make_interval(secs => :seconds)`, { seconds })
      .getRawOne<{ n: string }>();
    return Number(row?.n ?? 0);
  }

  /** Newest first, keyset-paged; restricted to `scope` (events of other agencies are never returned). */
  async page(scope: OrganizationScope, query: AuditQuery, first: number, after?: string | null): Promise<AuditPage> {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (scope !== ALL_ORGANIZATIONS) {
      if (scope.size === 0) return { items: [], totalCount: 0, nextCursor: null };
      qb.andWhere('e.organization_id IN (:...scopeIds)', { scopeIds: [...scope] });
    }
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.outcome) qb.andWhere('e.outcome = :outcome', { outcome: query.outcome });
    if (query.organizationId) qb.andWhere('e.organization_id = :org', { org: query.organizationId });
    if (query.actorUserId) qb.andWhere('e.actor_user_id = :actorId', { actorId: query.actorUserId });
    if (query.subjectType) qb.andWhere('e.subject_type = :st', { st: query.subjectType });
    if (query.subjectId) qb.andWhere('e.subject_id = :sid', { sid: query.subjectId });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: query.to });
    const totalCount = await qb.clone().getCount();
    if (after) {
      const c = decodeCursor(after);
      qb.andWhere('(e.occurred_at, e.id) < (:cAt, :cId)', { cAt: c.occurredAt, cId: c.id });
    }
    const rows = await qb
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(first + 1)
      .getMany();
    const items = rows.slice(0, first);
    const last = items[items.length - 1];
    return { items, totalCount, nextCursor: rows.length > first && last ? encodeCursor(last) : null };
  }
}
