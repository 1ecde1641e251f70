import { EventEmitter } from 'node:events';

import type { PGlite, Results } from '@electric-sql/pglite';

import { AsyncMutex } from './async-mutex';

/** The subset of a `pg` query result that TypeORM reads. */
interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: Results['fields'];
}

type Release = (err?: unknown) => void;
type ConnectCallback = (err: Error | undefined, client?: PgliteClient, release?: Release) => void;

// Postgres refuses several statements in one extended-protocol (parameterised) query.
const MULTIPLE_COMMANDS = '42601';

function toPgResult(r: Results): PgLikeResult {
  const command = (r as Results & { command?: string }).command ?? '';
  const rowCount = (r as Results & { rowCount?: number }).rowCount ?? r.affectedRows ?? r.rows.length;
  return { rows: r.rows, rowCount, command, fields: r.fields };
}

/** A `pg.PoolClient` look-alike over the one PGlite session, valid while its lease is held. */
export class PgliteClient extends EventEmitter {
  constructor(
    private readonly db: PGlite,
    readonly release: Release,
  ) {
    super();
  }

  async query(text: string | { text: string; values?: unknown[] }, values?: unknown[]): Promise<PgLikeResult> {
    const sql = typeof text === 'string' ? text : text.text;
    const params = (typeof text === 'string' ? values : text.values) ?? [];
    try {
      return toPgResult(await this.db.query(sql, params));
    } catch (err) {
      // Multi-statement scripts without parameters (e.g. from job-queue libraries) go through the simple protocol.
      if (params.length === 0 && (err as { code?: string }).code === MULTIPLE_COMMANDS) {
        const all = await this.db.exec(sql);
        const last = all[all.length - 1];
        return last ? toPgResult(last) : { rows: [], rowCount: 0, command: '', fields: [] };
      }
      throw err;
    }
  }
}

/**
 * A `pg`-module look-alike for TypeORM's `driver` option. PGlite has exactly one
 * session, so the pool hands it to one client at a time: TypeORM holds a client
 * for the whole of a transaction, so transactions can never interleave.
 */
export interface PgliteDriverModule {
  Pool: new (options?: unknown) => PglitePool;
  mutex: AsyncMutex;
}

export class PglitePool extends EventEmitter {
  constructor(
    private readonly db: PGlite,
    private readonly mutex: AsyncMutex,
  ) {
    super();
  }

  connect(): Promise<PgliteClient>;
  connect(callback: ConnectCallback): void;
  connect(callback?: ConnectCallback): Promise<PgliteClient> | void {
    const leased = this.mutex.acquire().then((release) => new PgliteClient(this.db, () => release()));
    if (!callback) return leased;
    leased.then(
      (client) => callback(undefined, client, client.release),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }

  /** One-off query on a short lease (what `pg.Pool#query` does). */
  async query(text: string, values?: unknown[]): Promise<PgLikeResult> {
    const client = await this.connect();
    try {
      return await client.query(text, values);
    } finally {
      client.release();
    }
  }

  end(callback?: (err?: Error) => void): Promise<void> | void {
    // The PGlite instance belongs to whoever opened it; closing the pool only stops lending it.
    if (callback) callback();
    else return Promise.resolve();
  }
}

export function createPgliteDriver(db: PGlite, mutex = new AsyncMutex()): PgliteDriverModule {
  class BoundPool extends PglitePool {
    constructor() {
      super(db, mutex);
    }
  }
  return { Pool: BoundPool, mutex };
}
