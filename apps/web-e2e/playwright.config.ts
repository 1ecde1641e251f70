import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { resolve } from 'node:path';

// Playwright loads this .ts config as CommonJS, so __dirname is available.
const workspaceRoot = resolve(__dirname, '../..');
const PORT = 3100;
const baseURL = `http://127.0.0.1:${PORT}`;

const CHROMIUM: NonNullable<PlaywrightTestConfig['use']> = {
  browserName: 'chromium',
  viewport: { width: 1280, height: 900 },
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  },
};

/** Changes program-wide state (see the chromium-admin project). */
const ADMIN_SPEC = /admin\.spec\.ts$/;

/**
 * E2E against the built API serving the built web app (same origin, real CSP).
 * Run: npx playwright test -c apps/web-e2e/playwright.config.ts
 * Needs: npx nx build api && npx nx build web
 */
export default defineConfig({
  testDir: './src',
  outputDir: resolve(workspaceRoot, 'tmp/web-e2e/test-results'),
  fullyParallel: false,
  // One server, one seeded database: tests that change data must not race.
  workers: 1,
  retries: process.env['CI'] ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: resolve(workspaceRoot, 'tmp/web-e2e/report'), open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'node tools/e2e/start-server.mjs',
    cwd: workspaceRoot,
    url: `${baseURL}/health/ready`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: ADMIN_SPEC,
      // Runs once every spec here has finished, whatever their outcome.
      teardown: 'chromium-admin',
      use: CHROMIUM,
    },
    {
      // admin.spec.ts opens a new fiscal-year cycle, which becomes everyone's current cycle, so it
      // runs last. Run on its own, it runs alone: `playwright test … apps/web-e2e/src/admin.spec.ts`.
      name: 'chromium-admin',
      testMatch: ADMIN_SPEC,
      use: CHROMIUM,
    },
  ],
});
