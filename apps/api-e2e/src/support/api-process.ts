import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * The real entry point (apps/api/src/main.ts) as its own process, as a deployment runs it: for tests that kill it,
 * restart it or run several. `env` adds to a minimal test environment (the database and seeding are the caller's).
 */
export function spawnApi(port: number, env: Record<string, string | undefined>): ChildProcess {
  return spawn(process.execPath, ['-r', './tools/scripts/ts-register.cjs', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: 'tmp/no-web-in-integration-tests',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
