#!/usr/bin/env node
// `npm start`: build the API and the web app (Nx caches unchanged builds), then serve both on one port.
import { spawn, spawnSync } from 'node:child_process';

const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'web', '--outputStyle=static'], {
  stdio: 'inherit',
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
});
if (build.status !== 0) process.exit(build.status ?? 1);

const port = process.env.PORT ?? '3000';
console.log(`\nStarting CX Capacity on http://localhost:${port} ...`);
if (!process.env.DATABASE_URL) {
  console.log(`Using the embedded database in ${process.env.DATA_DIR ?? './.data'} (set DATABASE_URL to use PostgreSQL).`);
}
// A larger young generation: the API allocates many short-lived objects per request (measured: npm run bench).
const api = spawn(process.execPath, ['--max-semi-space-size=32', 'dist/apps/api/main.js'], {
  stdio: 'inherit',
  env: { LOG_LEVEL: 'info', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => process.exit(code ?? 0));
