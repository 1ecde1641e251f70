/** `npm run migration:run` / `npm run migration:revert`: for DATABASE_URL, or the embedded database in DATA_DIR. */
import { loadConfig } from '@cx/api-shared-config';
import { runMigrationsWithLock } from '@cx/api-shared-database';

import { createDatabase } from '@cx/api-app';

async function main(): Promise<void> {
  const revert = process.argv.includes('--revert');
  const config = loadConfig();
  const db = await createDatabase(config);
  try {
    await db.dataSource.initialize();
    if (revert) {
      await db.dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
    } else {
      const applied = await runMigrationsWithLock(db.dataSource, Boolean(db.embedded));
      console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations.');
    }
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
