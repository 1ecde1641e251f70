import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';

/** V8 flags the API runs with in production (tools/scripts/start.mjs, docker/api.Dockerfile). */
export const API_NODE_FLAGS = ['--max-semi-space-size=32'];

/** Builds these Nx projects (cached when unchanged); exits the process if the build fails. */
export function buildOrExit(projects: string[]): void {
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...projects, '--outputStyle=static'], {
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/**
 * The built API (dist/apps/api/main.js) in production mode on `port`, as `npm start` runs it. The shell's database,
 * data directory, seeding and worker settings are left out, so that only `env` decides which database is used.
 */
export function spawnBuiltApi(port: number, env: Record<string, string>): ChildProcess {
  const inherited = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'SEED_ON_START', 'API_WORKERS', 'PORT']) delete inherited[name];
  return spawn(process.execPath, [...API_NODE_FLAGS, 'dist/apps/api/main.js'], {
    env: { ...inherited, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Polls /health/ready every `everyMs` until it answers 200; fails if the process exits or after `timeoutMs`. */
export async function untilReady(child: ChildProcess, port: number, timeoutMs = 60_000, everyMs = 20): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${String(child.exitCode)}`);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`the API was not ready within ${timeoutMs / 1000} s`);
}

/** SIGTERM, and wait until it has gone. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
