#!/usr/bin/env node
/**
 * Starts the built API (which also serves the built web app) for Playwright.
 * Every run starts from an empty database so the demo data is seeded fresh.
 *
 * Needs: npx nx build api && npx nx build web
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA_DIR = 'tmp/e2e-data';
const MAIN = join(ROOT, 'dist/apps/api/main.js');

for (const required of [MAIN, join(ROOT, 'dist/apps/web/browser/index.html')]) {
  if (!existsSync(required)) {
    console.error(`Missing ${required}. Build first: npx nx build api && npx nx build web`);
    process.exit(1);
  }
}

rmSync(join(ROOT, DATA_DIR), { recursive: true, force: true });

const child = spawn(process.execPath, ['--max-semi-space-size=32', MAIN], {
  cwd: ROOT,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: '3100',
    DATA_DIR,
    DEMO_SIGN_IN: 'true',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // The suite signs in ~40 times from one address; the production default (10/min) would throttle it.
    SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000',
  },
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
