import { PGlite } from '@electric-sql/pglite';
import { AsyncMutex, buildDataSourceOptions, createPgliteDriver } from '@cx/api-shared-database';
import { DataSource } from 'typeorm';

/** A lock that locks nothing: what the driver would be without serialization. */
class NoLock extends AsyncMutex {
  override acquire(): Promise<() => void> {
    return Promise.resolve(() => undefined);
  }
}

async function openDataSource(mutex: AsyncMutex): Promise<{ ds: DataSource; db: PGlite }> {
  const db = await PGlite.create();
  const ds = new DataSource(buildDataSourceOptions({ embeddedDriver: createPgliteDriver(db, mutex) }, { entities: [], migrations: [] }));
  await ds.initialize();
  await ds.query('CREATE TABLE t (v text NOT NULL)');
  return { ds, db };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * T1 writes, pauses mid-transaction, writes again and commits; T2 starts while T1
 * is paused, writes and fails. Correct isolation keeps both of T1's rows and none of T2's.
 */
async function overlap(ds: DataSource): Promise<string[]> {
  const t1 = ds.transaction(async (m) => {
    await m.query(`INSERT INTO t VALUES ('t1-a')`);
    await sleep(50);
    await m.query(`INSERT INTO t VALUES ('t1-b')`);
  });
  await sleep(5);
  const t2 = ds
    .transaction(async (m) => {
      await m.query(`INSERT INTO t VALUES ('t2')`);
      throw new Error('t2 fails');
    })
    .catch((e: Error) => e.message);
  await Promise.all([t1, t2]);
  const rows: Array<{ v: string }> = await ds.query('SELECT v FROM t ORDER BY v');
  return rows.map((r) => r.v);
}

describe('PGlite driver serialization', () => {
  it('should keep a committed transaction intact when an overlapping one rolls back', async () => {
    const { ds, db } = await openDataSource(new AsyncMutex());
    await expect(overlap(ds)).resolves.toEqual(['t1-a', 't1-b']);
    await ds.destroy();
    await db.close();
  });

  it('should lose the committed write when the lock is removed (shows the test above can fail)', async () => {
    const { ds, db } = await openDataSource(new NoLock());
    const rows = await overlap(ds);
    expect(rows).not.toEqual(['t1-a', 't1-b']);
    await ds.destroy();
    await db.close();
  });

  it('should run queued one-off queries after the transaction that holds the session', async () => {
    const { ds, db } = await openDataSource(new AsyncMutex());
    const order: string[] = [];
    const tx = ds.transaction(async (m) => {
      await m.query(`INSERT INTO t VALUES ('in-tx')`);
      await sleep(30);
      order.push('tx-done');
    });
    await sleep(5);
    const read = ds.query('SELECT count(*)::int AS n FROM t').then((r: Array<{ n: number }>) => {
      order.push('read');
      return r[0]?.n;
    });
    const [, n] = await Promise.all([tx, read]);
    expect(order).toEqual(['tx-done', 'read']);
    expect(n).toBe(1);
    await ds.destroy();
    await db.close();
  });
});
