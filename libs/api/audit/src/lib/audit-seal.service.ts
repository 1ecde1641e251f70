import { createHash } from 'node:crypto';

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@cx/api-shared-config';
import { DataSource } from 'typeorm';

/** The columns of an event that the chain hashes, in this order (changing it would break every seal). */
const HASHED_FIELDS = [
  'id',
  'occurred_at',
  'actor_user_id',
  'actor_display_name',
  'actor_roles',
  'organization_id',
  'action',
  'subject_type',
  'subject_id',
  'outcome',
  'request_id',
  'client_ip',
  'changes',
  'message',
] as const;

/** One event as the chain hashes it: every column, as text, timestamps in UTC to the microsecond (EVENT_COLUMNS). */
type SealedEventRow = Record<(typeof HASHED_FIELDS)[number], string | null>;

// jsonb as text is canonical (keys ordered by the database), so the same event always hashes the same.
const EVENT_COLUMNS = `e.id, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  e.actor_user_id, e.actor_display_name, e.actor_roles::text AS actor_roles, e.organization_id, e.action,
  e.subject_type, e.subject_id, e.outcome, e.request_id, e.client_ip, e.changes::text AS changes, e.message`;

/** Any number: the key of the advisory lock that lets one process at a time seal (replicas and workers alike). */
const SEAL_LOCK = 280_011;
const MAX_EVENTS_PER_SEAL = 5_000;

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A seal's hash: the previous seal's hash, then each event's own hash, in time order. */
function sealHash(previousHash: string | null, events: readonly SealedEventRow[]): string {
  const eventHashes = events.map((e) => digest(JSON.stringify(HASHED_FIELDS.map((field) => e[field]))));
  return digest(`${previousHash ?? ''}\n${eventHashes.join('\n')}`);
}

export interface AuditIntegrity {
  ok: boolean;
  checkedAt: Date;
  sealCount: number;
  sealedEventCount: number;
  lastSealedAt: Date | null;
  unsealedEventCount: number;
  oldestUnsealedAt: Date | null;
  /** Plain-language findings, the first broken seal first; empty when the chain holds. */
  problems: string[];
}

const when = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

interface SealRow {
  id: string;
  sealed_at: Date;
  event_count: number;
  previous_hash: string | null;
  hash: string;
}

/** How much `verify` reads at a time: a page of seals, then the events of as many of them as fit in one read. */
const VERIFY_LIMITS = { sealsPerPage: 1_000, eventsPerRead: 20_000 };

/** Consecutive seals grouped so that each group covers at most `max` events (a larger seal alone). */
function byEventCount(seals: readonly SealRow[], max: number): SealRow[][] {
  const groups: SealRow[][] = [];
  let group: SealRow[] = [];
  let events = 0;
  for (const seal of seals) {
    if (group.length > 0 && events + seal.event_count > max) {
      groups.push(group);
      group = [];
      events = 0;
    }
    group.push(seal);
    events += seal.event_count;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** The events linked to a seal, and how many linked events are gone from the trail (null columns). */
interface LinkedEvents {
  events: SealedEventRow[];
  missing: number;
}
const NOTHING_LINKED: LinkedEvents = { events: [], missing: 0 };

/** The events linked to each seal of one read. */
function eventsBySeal(rows: ReadonlyArray<SealedEventRow & { seal_id: string }>): Map<string, LinkedEvents> {
  const bySeal = new Map<string, LinkedEvents>();
  for (const row of rows) {
    const key = String(row.seal_id);
    let linked = bySeal.get(key);
    if (!linked) bySeal.set(key, (linked = { events: [], missing: 0 }));
    if (row.id === null) linked.missing++;
    else linked.events.push(row);
  }
  return bySeal;
}

/** What is wrong with one seal, given the hash of the seal before it and the events linked to it now. */
function sealProblems(seal: SealRow, previousHash: string | null, linked: LinkedEvents = NOTHING_LINKED): string[] {
  const problems: string[] = [];
  const label = `Seal ${seal.id} (${when(new Date(seal.sealed_at))})`;
  const { events, missing } = linked;
  if (seal.previous_hash !== previousHash) problems.push(`${label} does not follow the seal before it: a seal was changed or removed.`);
  if (missing > 0) problems.push(`${label} covers ${missing} event(s) that are no longer in the audit trail.`);
  if (events.length + missing !== seal.event_count)
    problems.push(`${label} sealed ${seal.event_count} events, but ${events.length} are linked to it now.`);
  else if (missing === 0 && sealHash(seal.previous_hash, events) !== seal.hash)
    problems.push(`${label} does not match its events: an event it covers was changed.`);
  return problems;
}

/**
 * The audit trail's hash chain (NIST AU-9, tamper evidence). Every AUDIT_SEAL_INTERVAL_SECONDS one process seals the
 * events not yet sealed: it hashes them, in time order, together with the previous seal's hash. Sealing after the fact,
 * rather than chaining each event as it is written, keeps writes from queueing behind one chain head (autosave writes
 * an event per save). `verify` recomputes every seal from the events it covers.
 */
@Injectable()
export class AuditSealService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(AuditSealService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.auditSealIntervalSeconds;
    if (seconds === 0) return;
    this.timer = setInterval(() => {
      this.seal().catch((error: unknown) => this.log.error(`Sealing the audit trail failed: ${String(error)}`));
    }, seconds * 1000);
    // Never keeps the process alive on its own.
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Seals the events written since the last seal (at most 5,000 at a time); null when there were none. */
  seal(): Promise<{ sealId: string; eventCount: number } | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
      const [last]: Array<{ hash: string; last_occurred_at: Date }> = await manager.query(
        'SELECT hash, last_occurred_at FROM audit_seal ORDER BY id DESC LIMIT 1',
      );
      // An event can commit after a seal that is younger than the event (its time is its transaction's start), but
      // not an hour later: statements time out after 30 s and idle transactions after 60 s.
      const events: Array<SealedEventRow & { occurred: Date }> = await manager.query(
        `SELECT ${EVENT_COLUMNS}, e.occurred_at AS occurred FROM audit_event e
          WHERE ($1::timestamptz IS NULL OR e.occurred_at > $1::timestamptz - interval '1 hour')
            AND NOT EXISTS (SELECT 1 FROM audit_event_seal s WHERE s.event_id = e.id)
          ORDER BY e.occurred_at, e.id LIMIT ${MAX_EVENTS_PER_SEAL}`,
        [last?.last_occurred_at ?? null],
      );
      if (events.length === 0) return null;
      const previousHash = last?.hash ?? null;
      const [seal]: Array<{ id: string }> = await manager.query(
        `INSERT INTO audit_seal (event_count, last_occurred_at, previous_hash, hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [events.length, (events.at(-1) as { occurred: Date }).occurred, previousHash, sealHash(previousHash, events)],
      );
      const sealId = String(seal?.id);
      await manager.query('INSERT INTO audit_event_seal (event_id, seal_id) SELECT unnest($1::uuid[]), $2', [
        events.map((e) => e.id),
        sealId,
      ]);
      return { sealId, eventCount: events.length };
    });
  }

  /**
   * Recomputes every seal from its events and checks the chain, in one snapshot. Seals are read a page at a time and
   * their events a few seals at a time, so memory stays bounded however long the trail grows: three statements for
   * a trail of fewer than `sealsPerPage` seals and `eventsPerRead` events.
   */
  verify(limits: { sealsPerPage: number; eventsPerRead: number } = VERIFY_LIMITS): Promise<AuditIntegrity> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const problems: string[] = [];
      let previousHash: string | null = null;
      let sealCount = 0;
      let sealedEventCount = 0;
      let lastSeal: SealRow | undefined;
      for (;;) {
        const page: SealRow[] = await manager.query(
          'SELECT id, sealed_at, event_count, previous_hash, hash FROM audit_seal WHERE id > $1 ORDER BY id LIMIT $2',
          [lastSeal?.id ?? 0, limits.sealsPerPage],
        );
        for (const group of byEventCount(page, limits.eventsPerRead)) {
          const first = group[0] as SealRow;
          const rows: Array<SealedEventRow & { seal_id: string }> = await manager.query(
            `SELECT s.seal_id, ${EVENT_COLUMNS} FROM audit_event_seal s LEFT JOIN audit_event e ON e.id = s.event_id
              WHERE s.seal_id BETWEEN $1 AND $2 ORDER BY s.seal_id, e.occurred_at, e.id`,
            [first.id, (group.at(-1) as SealRow).id],
          );
          sealedEventCount += rows.length;
          const linked = eventsBySeal(rows);
          for (const seal of group) {
            problems.push(...sealProblems(seal, previousHash, linked.get(String(seal.id))));
            previousHash = seal.hash;
          }
        }
        sealCount += page.length;
        lastSeal = page.at(-1) ?? lastSeal;
        if (page.length < limits.sealsPerPage) break;
      }
      const [unsealed]: Array<{ n: number; oldest: Date | null }> = await manager.query(
        `SELECT count(*)::int AS n, min(e.occurred_at) AS oldest FROM audit_event e
          WHERE NOT EXISTS (SELECT 1 FROM audit_event_seal s WHERE s.event_id = e.id)`,
      );
      return {
        ok: problems.length === 0,
        checkedAt: new Date(),
        sealCount,
        sealedEventCount,
        lastSealedAt: lastSeal ? new Date(lastSeal.sealed_at) : null,
        unsealedEventCount: unsealed?.n ?? 0,
        oldestUnsealedAt: unsealed?.oldest ? new Date(unsealed.oldest) : null,
        problems,
      };
    });
  }
}
