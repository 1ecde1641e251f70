/**
 * Cold start: how long the built API takes from spawn to a 200 from /health/ready (migrations run, database
 * reachable), polled every 20 ms. Four cases, each run --runs times (default 3), medians and ranges reported:
 *   - embedded database (PGlite), new data directory: WASM start-up, every migration and the demo seed;
 *   - embedded database, existing directory: what a restart costs;
 *   - PostgreSQL, new database: every migration (SEED_ON_START=auto seeds only an empty embedded database);
 *   - PostgreSQL, existing database: a restart.
 * Targets (../shared/quality.md): ready within 5 s on PGlite and 3 s on PostgreSQL.
 *
 *   npm run bench:cold-start [-- --runs 5]
 * Builds the API first (Nx caches an unchanged build). TEST_DATABASE_URL names the PostgreSQL server
 * (default postgres://postgres@127.0.0.1:5432/postgres); a database is created and dropped for the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import { buildOrExit, spawnBuiltApi, stop, untilReady } from './built-api';

const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

/** Spawns the built API and resolves with the milliseconds until /health/ready answered 200. */
async function timeToReady(env: Record<string, string>, port: number): Promise<number> {
  const started = performance.now();
  const child = spawnBuiltApi(port, env);
  try {
    await untilReady(child, port);
    return performance.now() - started;
  } finally {
    await stop(child);
  }
}

function summary(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (i: number): string => ((sorted[i] ?? NaN) / 1000).toFixed(2);
  return `${at(Math.floor(sorted.length / 2))} s (${at(0)}–${at(sorted.length - 1)})`;
}

async function main(): Promise<void> {
  buildOrExit(['api']);

  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const dbName = `cx_cold_${Date.now()}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const results = {
    'embedded (PGlite), new data directory': [] as number[],
    'embedded (PGlite), existing data directory': [] as number[],
    'PostgreSQL, new database': [] as number[],
    'PostgreSQL, existing database': [] as number[],
  };
  let port = 3900;
  try {
    for (let run = 0; run < RUNS; run++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'cx-cold-'));
      try {
        results['embedded (PGlite), new data directory'].push(await timeToReady({ DATA_DIR: dataDir }, port++));
        results['embedded (PGlite), existing data directory'].push(await timeToReady({ DATA_DIR: dataDir }, port++));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
      await admin.query(`CREATE DATABASE ${dbName}`);
      try {
        results['PostgreSQL, new database'].push(await timeToReady({ DATABASE_URL: url.toString() }, port++));
        results['PostgreSQL, existing database'].push(await timeToReady({ DATABASE_URL: url.toString() }, port++));
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      }
    }
  } finally {
    await admin.end();
  }
  console.log(`\nCold start to /health/ready 200 (${RUNS} runs each; median, range). Node ${process.version}.\n`);
  console.log('| case | time to ready |\n|---|---|');
  for (const [name, ms] of Object.entries(results)) console.log(`| ${name} | ${summary(ms)} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
