import type { DataSourceOptions, LoggerOptions, MixedList } from 'typeorm';
import type { Logger as TypeOrmLogger } from 'typeorm';

import type { PgliteDriverModule } from './pglite-driver';
import { PreparingClient } from './prepared-statements';

export interface DatabaseTarget {
  /** PostgreSQL connection string; absent means the embedded PGlite driver. */
  url?: string;
  poolSize?: number;
  ssl?: boolean;
  /** Statements marked with `prepared` run as named prepared statements (default: on). */
  preparedStatements?: boolean;
  embeddedDriver?: PgliteDriverModule;
}

export interface DataSourceParts {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  logger?: TypeOrmLogger;
  logging?: LoggerOptions;
}

/** One definition for the app, the tests and the migration tools: only the target differs. */
export function buildDataSourceOptions(target: DatabaseTarget, parts: DataSourceParts): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: parts.entities,
    migrations: parts.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite: no extension to install.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    logger: parts.logger,
    logging: parts.logging ?? false,
  };
  if (target.url) {
    return {
      ...common,
      url: target.url,
      poolSize: target.poolSize ?? 10,
      ssl: target.ssl ? { rejectUnauthorized: true } : undefined,
      applicationName: 'cx-capacity-api',
      connectTimeoutMS: 5_000,
      extra: {
        statement_timeout: 30_000,
        idle_in_transaction_session_timeout: 60_000,
        ...(target.preparedStatements === false ? {} : { Client: PreparingClient }),
      },
    };
  }
  if (!target.embeddedDriver) throw new Error('Either a DATABASE_URL or an embedded driver is required');
  return { ...common, driver: target.embeddedDriver, poolSize: 1 };
}
