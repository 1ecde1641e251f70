import 'reflect-metadata';

import { existsSync } from 'node:fs';

import { createApp, createDatabase } from '@cx/api-app';
import { type AppConfig, ConfigValidationError, loadConfig } from '@cx/api-shared-config';
import { runMigrationsWithLock } from '@cx/api-shared-database';

function configOrExit(): AppConfig {
  // A local .env (see .env.example) is read if present; real environment variables win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

/** `node main.js --migrate-only`: the one-shot deploy step that runs before new replicas start. */
async function migrateOnly(config: AppConfig): Promise<void> {
  const db = await createDatabase(config);
  try {
    await db.dataSource.initialize();
    const applied = await runMigrationsWithLock(db.dataSource, Boolean(db.embedded));
    console.log(applied.length ? `Applied migrations: ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations.');
  } finally {
    await db.close();
  }
}

async function bootstrap(): Promise<void> {
  const config = configOrExit();
  if (process.argv.includes('--migrate-only')) return migrateOnly(config);
  const { app, logger, database } = await createApp(config);
  await app.listen(config.port, config.host);
  const url = `http://localhost:${config.port}`;
  logger.info(
    { url, database: database.embedded ? `embedded (${database.embedded.dir})` : 'postgresql', demoSignIn: config.demoSignIn },
    `CX Capacity is ready at ${url}${config.demoSignIn ? ' — open it and choose a demo user to sign in' : ''}`,
  );
}

bootstrap().catch((err: unknown) => {
  console.error('The API could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
