import type { DataSource, Migration } from 'typeorm';

// Arbitrary constant shared by every API process: whoever holds it runs migrations.
const MIGRATION_LOCK_KEY = 728_280_011;

/**
 * Runs pending migrations. On PostgreSQL a session-level advisory lock, held on a
 * separate connection, makes concurrent API processes wait for one another
 * instead of racing; the embedded database has a single owner process already.
 */
export async function runMigrationsWithLock(dataSource: DataSource, embedded: boolean): Promise<Migration[]> {
  if (embedded) return dataSource.runMigrations({ transaction: 'each' });
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}
