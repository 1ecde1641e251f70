/**
 * Writes apps/api/schema.gql from the code-first resolvers (`npm run schema`),
 * or with --check fails when the committed file is stale.
 */
import 'reflect-metadata';

import { readFileSync, writeFileSync } from 'node:fs';

import { GraphQLSchemaHost } from '@nestjs/graphql';
import { loadConfig } from '@cx/api-shared-config';
import pino from 'pino';

import { createApp, renderSchemaFile, SCHEMA_FILE } from '@cx/api-app';

async function main(): Promise<void> {
  const config = loadConfig({ DATA_DIR: 'memory://', SEED_ON_START: 'never', LOG_LEVEL: 'error' });
  const { app } = await createApp(config, pino({ level: 'error' }));
  await app.init();
  const text = renderSchemaFile(app.get(GraphQLSchemaHost).schema);
  await app.close();
  if (process.argv.includes('--check')) {
    if (readFileSync(SCHEMA_FILE, 'utf8') !== text) {
      console.error(`${SCHEMA_FILE} is stale: run \`npm run schema\` and commit the result.`);
      process.exit(1);
    }
    console.log(`${SCHEMA_FILE} is up to date.`);
    return;
  }
  writeFileSync(SCHEMA_FILE, text);
  console.log(`Wrote ${SCHEMA_FILE}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
