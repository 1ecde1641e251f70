import { readFileSync } from 'node:fs';

import { runMigrationsWithLock } from '@cx/api-shared-database';

import { createDatabase, MIGRATIONS, renderSchemaFile, SCHEMA_FILE } from '@cx/api-app';
import { createTestDatabase, ENGINES, startTestApp } from './support/test-app';

describe.each(ENGINES)('schema and migrations on %s', (engine) => {
  it('should leave nothing for TypeORM to generate when migrations have run (entities and migrations agree)', async () => {
    const t = await startTestApp(engine);
    try {
      const pending = await t.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('should match the committed schema.gql when the resolvers build the schema', async () => {
    const t = await startTestApp(engine);
    try {
      expect(renderSchemaFile(t.schema)).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
    } finally {
      await t.close();
    }
  });

  it('should undo and redo every migration when reverted to an empty database', async () => {
    const db = await createTestDatabase(engine);
    const opened = await createDatabase({ databaseUrl: db.url, dataDir: 'memory://', databasePoolSize: 2, databaseSsl: false });
    try {
      await opened.dataSource.initialize();
      await opened.dataSource.runMigrations();
      for (let i = 0; i < MIGRATIONS.length; i++) await opened.dataSource.undoLastMigration();
      const tables: unknown[] = await opened.dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
      );
      expect(tables).toEqual([]);
      await expect(opened.dataSource.runMigrations()).resolves.toHaveLength(MIGRATIONS.length);
    } finally {
      await opened.close();
      await db.drop();
    }
  });
});

describe('migration lock on postgres', () => {
  const run = ENGINES.includes('postgres') ? it : it.skip;
  run('should apply each migration once when two API processes start together', async () => {
    const db = await createTestDatabase('postgres');
    const a = await createDatabase({ databaseUrl: db.url, dataDir: '', databasePoolSize: 2, databaseSsl: false });
    const b = await createDatabase({ databaseUrl: db.url, dataDir: '', databasePoolSize: 2, databaseSsl: false });
    try {
      await Promise.all([a.dataSource.initialize(), b.dataSource.initialize()]);
      const [ranA, ranB] = await Promise.all([runMigrationsWithLock(a.dataSource, false), runMigrationsWithLock(b.dataSource, false)]);
      expect(ranA.length + ranB.length).toBe(MIGRATIONS.length);
      const rows: unknown[] = await a.dataSource.query('SELECT name FROM migrations');
      expect(rows).toHaveLength(MIGRATIONS.length);
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });
});
