/**
 * Writes a migration with whatever the entities need beyond the migrations already
 * written, computed on a throw-away embedded database.
 *   npm run migration:generate -- AddDueDateToActionItem
 *   npm run migration:check      (exits 1 when entities and migrations disagree)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createDatabase } from '@cx/api-app';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const name = args.find((a) => !a.startsWith('--'));
  const db = await createDatabase({
    dataDir: 'memory://',
    databasePoolSize: 1,
    databaseSsl: false,
    databaseUrl: process.env['DATABASE_URL'],
  });
  await db.dataSource.initialize();
  await db.dataSource.runMigrations({ transaction: 'each' });
  const sql = await db.dataSource.driver.createSchemaBuilder().log();
  await db.close();
  if (check) {
    if (sql.upQueries.length > 0) {
      console.error('Entities and migrations disagree. Missing statements:');
      for (const q of sql.upQueries) console.error(`  ${q.query}`);
      process.exit(1);
    }
    console.log('Schema check: migrations match the entities.');
    return;
  }
  if (!name) throw new Error('Give the migration a VerbNoun name, e.g. AddDueDateToActionItem');
  if (sql.upQueries.length === 0) {
    console.log('Nothing to generate: migrations already match the entities.');
    return;
  }
  const ts = Date.now();
  const className = `${name}${ts}`;
  const esc = (q: string): string => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`');
  const up = sql.upQueries.map((q) => `    await queryRunner.query(\`${esc(q.query)}\`);`).join('\n');
  const down = sql.downQueries
    .reverse()
    .map((q) => `    await queryRunner.query(\`${esc(q.query)}\`);`)
    .join('\n');
  const file = join(__dirname, '../../libs/api/app/src/lib/database/migrations', `${ts}-${name}.ts`);
  writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
  );
  console.log(`Wrote ${file}. Add it to libs/api/app/src/lib/database/migrations/index.ts.`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
