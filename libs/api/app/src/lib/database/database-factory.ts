import type { AppConfig } from '@cx/api-shared-config';
import { buildDataSourceOptions, createPgliteDriver, type EmbeddedDatabase, openEmbeddedDatabase } from '@cx/api-shared-database';
import { types } from 'pg';
import { DataSource, type Logger } from 'typeorm';

import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

// DATE stays 'YYYY-MM-DD' rather than becoming a local-time JS Date (the embedded driver does the same).
types.setTypeParser(1082, (v: string) => v);

export interface OpenedDatabase {
  dataSource: DataSource;
  embedded?: EmbeddedDatabase;
  /** Closes the pool or the embedded database; later calls wait for the first. */
  close(): Promise<void>;
}

/** `close` run once, however often it is called (app shutdown and a caller's clean-up may both ask). */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

/** Builds (not yet initialized) the DataSource for PostgreSQL when DATABASE_URL is set, else for embedded PGlite. */
export async function createDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize' | 'databaseSsl' | 'dataDir'> &
    Partial<Pick<AppConfig, 'databasePreparedStatements'>>,
  logger?: Logger,
): Promise<OpenedDatabase> {
  const parts = { entities: ENTITIES, migrations: MIGRATIONS, logger, logging: logger ? ('all' as const) : false };
  if (config.databaseUrl) {
    const dataSource = new DataSource(
      buildDataSourceOptions(
        {
          url: config.databaseUrl,
          poolSize: config.databasePoolSize,
          ssl: config.databaseSsl,
          preparedStatements: config.databasePreparedStatements,
        },
        parts,
      ),
    );
    return {
      dataSource,
      close: once(async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
      }),
    };
  }
  const embedded = await openEmbeddedDatabase(config.dataDir);
  const dataSource = new DataSource(buildDataSourceOptions({ embeddedDriver: createPgliteDriver(embedded.db) }, parts));
  return {
    dataSource,
    embedded,
    close: once(async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded.close();
    }),
  };
}
