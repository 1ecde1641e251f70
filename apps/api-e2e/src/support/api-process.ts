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
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `probe` until it gives a value (a rejection counts as none yet); fails after `timeoutMs`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 90_000,
  everyMs = 100,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve()
      .then(probe)
      .catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
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

export interface ApiProcess {
  child: ChildProcess;
  baseUrl: string;
  /** SIGKILL, unless it has already gone; resolves once it has exited. */
  kill(): Promise<void>;
}

/** `spawnApi` on a free port, resolved once /health/ready answers 200; fails at once if the process exits. */
export async function startApi(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<ApiProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawnApi(port, env);
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const outcome = await until(
    'the API to be ready',
    async () => (gone() ? 'exited' : (await fetch(`${baseUrl}/health/ready`)).ok ? 'ready' : undefined),
    timeoutMs,
    50,
  );
  if (outcome === 'exited') throw new Error(`the API exited (${String(child.exitCode ?? child.signalCode)})`);
  return {
    child,
    baseUrl,
    kill: async () => {
      if (gone()) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
