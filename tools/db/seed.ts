/** `npm run seed`: migrates and loads the demo data into DATABASE_URL, or the embedded database in DATA_DIR. */
import { loadConfig } from '@cx/api-shared-config';
import { runMigrationsWithLock } from '@cx/api-shared-database';

import { createDatabase, seedDemoData } from '@cx/api-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await createDatabase(config);
  try {
    await db.dataSource.initialize();
    await runMigrationsWithLock(db.dataSource, Boolean(db.embedded));
    await seedDemoData(db.dataSource);
    console.log(`Demo data loaded into ${config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`}.`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
