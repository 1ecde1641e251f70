/**
 * `npm run framework:import -- path/to/framework.json [--publish]`: validates a framework file and
 * stores it as a new version in DATABASE_URL (or the embedded database in DATA_DIR). A file with
 * problems is rejected with every problem listed by path, and nothing is imported.
 */
import { readFileSync } from 'node:fs';

import { createDatabase } from '@cx/api-app';
import { importFrameworkVersion } from '@cx/api-assessment';
import { AuditEventEntity } from '@cx/api-audit';
import { loadConfig } from '@cx/api-shared-config';
import { runMigrationsWithLock } from '@cx/api-shared-database';
import { BadUserInputError, DomainError } from '@cx/api-shared-graphql';
import { AuditOutcome } from '@cx/shared-domain';

async function main(): Promise<void> {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file) throw new Error('Usage: npm run framework:import -- <file.json> [--publish]');
  const publish = process.argv.includes('--publish');
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not readable JSON: ${(err as Error).message}`);
  }
  const config = loadConfig();
  const db = await createDatabase(config);
  try {
    await db.dataSource.initialize();
    await runMigrationsWithLock(db.dataSource, Boolean(db.embedded));
    const { framework, created } = await db.dataSource.transaction(async (manager) => {
      const outcome = await importFrameworkVersion(manager, content, { publish, userId: null });
      await manager.insert(AuditEventEntity, {
        action: 'framework.import',
        outcome: AuditOutcome.SUCCESS,
        actorRoles: [],
        subjectType: 'FrameworkVersion',
        subjectId: outcome.framework.id,
        message: `CLI import of ${file}`,
      });
      return outcome;
    });
    console.log(`${created ? 'Imported' : 'Already present:'} ${framework.code} ${framework.version} (${framework.status}).`);
  } catch (err) {
    if (err instanceof BadUserInputError) {
      console.error(`${err.message}\n${err.fieldErrors.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`);
      process.exitCode = 1;
    } else if (err instanceof DomainError) {
      console.error(err.message);
      process.exitCode = 1;
    } else throw err;
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
