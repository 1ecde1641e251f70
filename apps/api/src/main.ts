import 'reflect-metadata';

import { ConfigValidationError, loadConfig } from '@cx/api-shared-config';

import { createApp } from './app/create-app';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { app, logger, database } = await createApp(config);
  await app.listen(config.port, config.host);
  const url = `http://localhost:${config.port}`;
  logger.info(
    { url, database: database.embedded ? `embedded (${database.embedded.dir})` : 'postgresql', demoSignIn: config.demoSignIn },
    `CX Capacity is ready at ${url}${config.demoSignIn ? ' — choose a demo user on the sign-in page' : ''}`,
  );
}

bootstrap().catch((err: unknown) => {
  console.error('The API could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
