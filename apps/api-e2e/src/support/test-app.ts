import { randomBytes } from 'node:crypto';

import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { loadConfig } from '@cx/api-shared-config';
import type { GraphQLSchema } from 'graphql';
import { Client } from 'pg';
import pino from 'pino';
import type { DataSource } from 'typeorm';

import { createApp, type CreateAppOptions, type CreatedApp } from '@cx/api-app';

export type Engine = 'postgres' | 'pglite';

/** Both engines unless TEST_ENGINES narrows it (e.g. TEST_ENGINES=pglite on a machine without PostgreSQL). */
export const ENGINES: Engine[] = (process.env['TEST_ENGINES'] ?? 'postgres,pglite')
  .split(',')
  .filter((e): e is Engine => e === 'postgres' || e === 'pglite');

const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url?: string;
  drop(): Promise<void>;
}

/** A throw-away PostgreSQL database, or nothing for PGlite (which runs in memory). */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') return { drop: () => Promise.resolve() };
  const name = `cx_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `Integration tests need PostgreSQL at ${ADMIN_URL} (set TEST_DATABASE_URL, or TEST_ENGINES=pglite to skip it): ${(err as Error).message}`,
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestApp {
  baseUrl: string;
  app: INestApplication;
  dataSource: DataSource;
  schema: GraphQLSchema;
  created: CreatedApp;
  close(): Promise<void>;
}

/** The real app (migrated and seeded) listening on a random local port. */
export async function startTestApp(
  engine: Engine,
  env: Record<string, string> = {},
  database?: TestDatabase,
  options: CreateAppOptions = {},
): Promise<TestApp> {
  const db = database ?? (await createTestDatabase(engine));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_ON_START: 'always',
    SIGN_IN_RATE_LIMIT_PER_MINUTE: '10000',
    // Tests seal the audit trail by hand: a timer would add statements to the ones they count.
    AUDIT_SEAL_INTERVAL_SECONDS: '0',
    WEB_DIST_DIR: 'tmp/no-web-in-integration-tests',
    ...(db.url ? { DATABASE_URL: db.url, DATABASE_POOL_SIZE: '5' } : { DATA_DIR: 'memory://' }),
    ...env,
  });
  const created = await createApp(config, pino({ level: 'silent' }), options);
  await created.app.listen(0, '127.0.0.1');
  const address = created.app.getHttpServer().address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    app: created.app,
    dataSource: created.database.dataSource,
    schema: created.app.get(GraphQLSchemaHost).schema,
    created,
    close: async () => {
      await created.app.close();
      if (!database) await db.drop();
    },
  };
}

/** How many saves of one answer were audited as made (one per version it gained). */
export async function savesAudited(dataSource: DataSource, assessmentId: string, criterionCode: string): Promise<number> {
  const [row]: Array<{ n: number }> = await dataSource.query(
    `SELECT count(*)::int AS n FROM audit_event WHERE action = 'assessment.save_response' AND outcome = 'SUCCESS' AND subject_id = $1`,
    [`${assessmentId}:${criterionCode}`],
  );
  return row?.n ?? 0;
}

/** The seeded FY 2027 assessment of the HISP with this abbreviation (e.g. 'VHA'). */
export async function assessmentIdOf(dataSource: DataSource, abbreviation: string): Promise<string> {
  const [row]: Array<{ id: string }> = await dataSource.query(
    `SELECT a.id FROM assessment a JOIN organization o ON o.id = a.organization_id JOIN cycle c ON c.id = a.cycle_id
      WHERE o.abbreviation = $1 AND c.fiscal_year = 2027`,
    [abbreviation],
  );
  if (!row) throw new Error(`No FY 2027 assessment for ${abbreviation}`);
  return row.id;
}
