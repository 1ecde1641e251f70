/**
 * Assessment benchmark: `npm run bench` (options: --engines postgres,pglite --seconds 5 --rounds 3).
 *
 * For each engine it starts the real app in this process, fills one HISP's assessment, then measures
 *   - load-assessment (the full `assessment(id)` query) over HTTP at 1 and 20 concurrent clients;
 *   - the raw-SQL baseline: exactly the statements that query ran (captured with their parameters),
 *     replayed through `pg` (or PGlite directly) at the same concurrency;
 *   - autosave (`saveCriterionResponse`) latency at 20 concurrent clients.
 * Phases are interleaved over several rounds and medians are reported, so the API ÷ raw ratio is
 * taken under the same machine conditions. Requests go to 127.0.0.1 only and stop by themselves.
 */
import { performance } from 'node:perf_hooks';

import { createApp } from '@cx/api-app';
import { loadConfig } from '@cx/api-shared-config';
import { StatementCounter } from '@cx/api-shared-database';
import { Client, Pool } from 'pg';
import pino from 'pino';

interface Stats {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const ENGINES = arg('engines', 'postgres,pglite').split(',');
const SECONDS = Number(arg('seconds', '5'));
const ROUNDS = Number(arg('rounds', '3'));
let firstError: string | undefined;
const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Runs `task` from `clients` concurrent loops for `seconds`; returns throughput and latency percentiles (ms). */
async function load(clients: number, seconds: number, task: (client: number) => Promise<boolean>): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const ok = await task(c).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), errors };
}

function medianStats(runs: Stats[]): Stats {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

async function gql<T>(
  base: string,
  cookie: string,
  csrf: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: T; errors?: unknown[] }> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: unknown[] };
}

const LOAD = `query($id: ID!) { assessment(id: $id) { id status framework { domains { code criteria { code statement levels { value descriptor } } } }
  responses { criterionCode level rationale version assignee { displayName } updatedBy { displayName } }
  targets { domainCode targetLevel } scores { total domains { domainCode score gap criteriaBelowTarget } } } }`;
const SAVE = `mutation($input: SaveCriterionResponseInput!) { saveCriterionResponse(input: $input) { id } }`;

async function benchEngine(engine: string): Promise<Record<string, Stats | number>> {
  let dbName: string | undefined;
  let url: string | undefined;
  if (engine === 'postgres') {
    dbName = `cx_bench_${Date.now()}`;
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(ADMIN_URL);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const counter = new StatementCounter();
  const config = loadConfig({
    NODE_ENV: 'production',
    DEMO_SIGN_IN: 'true',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'silent',
    SEED_ON_START: 'always',
    SIGN_IN_RATE_LIMIT_PER_MINUTE: '10000',
    WEB_DIST_DIR: 'tmp/none',
    ...(url ? { DATABASE_URL: url, DATABASE_POOL_SIZE: '20' } : { DATA_DIR: 'memory://' }),
  });
  const created = await createApp(config, pino({ level: 'silent' }), { sqlLogger: counter });
  await created.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(created.app.getHttpServer().address() as { port: number }).port}`;
  try {
    const users = (await (
      await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ demoUsers { id email } }' }),
      })
    ).json()) as {
      data: { demoUsers: Array<{ id: string; email: string }> };
    };
    const alicia = users.data.demoUsers.find((u) => u.email === 'alicia.gomez@va.example');
    const signIn = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($i: SignInDemoInput!) { signInDemo(input: $i) { csrfToken } }',
        variables: { i: { userId: alicia?.id } },
      }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = ((await signIn.json()) as { data: { signInDemo: { csrfToken: string } } }).data.signInDemo.csrfToken;
    const [row]: Array<{ id: string }> = await created.database.dataSource.query(
      `SELECT a.id FROM assessment a JOIN organization o ON o.id = a.organization_id WHERE o.abbreviation = 'VHA'`,
    );
    const id = row?.id ?? '';
    // Deterministic data: every criterion answered, every domain with a target.
    const first = await gql<{ assessment: { framework: { domains: Array<{ code: string; criteria: Array<{ code: string }> }> } } }>(
      base,
      cookie,
      csrf,
      LOAD,
      { id },
    );
    const domains = first.data?.assessment.framework.domains ?? [];
    const criteria = domains.flatMap((d) => d.criteria.map((c) => c.code));
    const versions = new Map<string, number>();
    for (const [i, code] of criteria.entries()) {
      await gql(base, cookie, csrf, SAVE, {
        input: { assessmentId: id, criterionCode: code, expectedVersion: 0, level: (i % 5) + 1, rationale: `Rationale ${i} `.repeat(20) },
      });
      versions.set(code, 1);
    }
    for (const d of domains) {
      await gql(base, cookie, csrf, `mutation($i: SaveDomainTargetInput!) { saveDomainTarget(input: $i) { id } }`, {
        i: { assessmentId: id, domainCode: d.code, expectedVersion: 0, targetLevel: 4 },
      });
    }

    // Capture exactly the SQL one load runs, to replay it as the baseline.
    await gql(base, cookie, csrf, LOAD, { id });
    counter.reset();
    const probe = await gql(base, cookie, csrf, LOAD, { id });
    if (probe.errors) throw new Error(JSON.stringify(probe.errors));
    const statements = counter.recorded.map((s) => ({ ...s }));
    const embeddedDb = created.database.embedded?.db;
    const pool = url ? new Pool({ connectionString: url, max: 20 }) : undefined;
    const raw = async (): Promise<boolean> => {
      if (pool) {
        const client = await pool.connect();
        try {
          for (const s of statements) await client.query(s.query, s.parameters);
        } finally {
          client.release();
        }
      } else if (embeddedDb) {
        // PGlite serialises everything; the app's lock is not used here, so keep the app idle meanwhile.
        for (const s of statements) await embeddedDb.query(s.query, s.parameters as unknown[]);
      }
      return true;
    };
    const api = async (): Promise<boolean> => {
      const r = await gql(base, cookie, csrf, LOAD, { id });
      return !r.errors;
    };
    const runs: { api1: Stats[]; raw1: Stats[]; api20: Stats[]; raw20: Stats[]; save20: Stats[] } = {
      api1: [],
      raw1: [],
      api20: [],
      raw20: [],
      save20: [],
    };
    for (let round = 0; round < ROUNDS; round++) {
      runs.api1.push(await load(1, SECONDS, api));
      runs.raw1.push(await load(1, SECONDS, raw));
      runs.api20.push(await load(20, SECONDS, api));
      runs.raw20.push(await load(20, SECONDS, raw));
      runs.save20.push(
        await load(Math.min(20, criteria.length), SECONDS, async (c) => {
          const code = criteria[c] as string;
          const r = await gql<{ saveCriterionResponse: { id: string } }>(base, cookie, csrf, SAVE, {
            input: {
              assessmentId: id,
              criterionCode: code,
              expectedVersion: versions.get(code),
              level: ((versions.get(code) ?? 0) % 5) + 1,
            },
          });
          if (r.errors) {
            firstError ??= JSON.stringify(r.errors).slice(0, 300);
            return false;
          }
          versions.set(code, (versions.get(code) ?? 0) + 1);
          return true;
        }),
      );
    }
    await pool?.end();
    const m = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, medianStats(v)])) as Record<string, Stats>;
    return { ...m, statements: statements.length, criteria: criteria.length };
  } finally {
    await created.app.close();
    if (dbName) {
      const admin = new Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

async function main(): Promise<void> {
  const f = (n: number): string => n.toFixed(1);
  console.log(`Assessment benchmark: ${SECONDS}s per phase, ${ROUNDS} interleaved rounds, medians. Node ${process.version}.`);
  for (const engine of ENGINES) {
    const r = await benchEngine(engine);
    const s = (k: string) => r[k] as Stats;
    console.log(`\n### ${engine} (one assessment: ${String(r['criteria'])} answers; ${String(r['statements'])} SQL statements per load)\n`);
    console.log('| measure | clients | req/s | p50 ms | p95 ms | p99 ms | errors |');
    console.log('|---|---|---|---|---|---|---|');
    for (const [label, key, clients] of [
      ['load assessment (API)', 'api1', 1],
      ['same SQL, raw driver', 'raw1', 1],
      ['load assessment (API)', 'api20', 20],
      ['same SQL, raw driver', 'raw20', 20],
      ['autosave (API)', 'save20', 20],
    ] as const) {
      const x = s(key);
      console.log(`| ${label} | ${clients} | ${f(x.rps)} | ${f(x.p50)} | ${f(x.p95)} | ${f(x.p99)} | ${x.errors} |`);
    }
    if (firstError) console.log(`\nFirst autosave error: ${firstError}`);
    firstError = undefined;
    console.log(
      `\nAPI ÷ raw throughput: ${(s('api1').rps / s('raw1').rps).toFixed(2)} at 1 client, ${(s('api20').rps / s('raw20').rps).toFixed(2)} at 20 clients.`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
