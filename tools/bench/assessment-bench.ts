/**
 * Assessment benchmark: `npm run bench` (options: --engines postgres,pglite --seconds 5 --rounds 4 --profile).
 *
 * For each engine it starts the real app in a child process (NODE_ENV=production, so the load generator
 * does not share the API's event loop), fills one HISP's assessment, then measures from this process
 *   - load-assessment (the full `assessment(id)` query) over HTTP at 1 and 20 concurrent clients;
 *   - the raw-SQL baseline: exactly the statements that query ran (captured in the child with their
 *     parameters), replayed through `pg` as the API sends them (named where it prepares them) at the same
 *     concurrency (PGlite: replayed inside the child, which owns the embedded database, while the API is idle):
 *     baseline B1 of `quality.md` §1.2;
 *   - baseline B0 of `quality.md` §1.2, the raw handler: the same statements behind a bare node:http server, loaded
 *     over HTTP by the same client with the same requests;
 *   - autosave (`saveCriterionResponse`, the web app's selection) latency at 20 concurrent clients, and (PostgreSQL)
 *     its raw-SQL baseline: each client's captured statements replayed on its own answer, at its current version.
 * Each phase also reports the CPU per request of this process (the load generator or raw driver) and of PostgreSQL's
 * processes, and how busy the machine was: on two shared cores, every party takes CPU from the others.
 * Phases are interleaved over several rounds and medians are reported, so the API ÷ raw ratio is
 * taken under the same machine conditions. `--profile` writes the API's CPU profile of each API phase to tmp/bench-prof.
 * `--workers N` (PostgreSQL) runs N API processes on the database, each client bound to one, as API_WORKERS=N does.
 * `--ab NAME=value[,NAME=value]` (PostgreSQL) compares two API processes on the same database, the second with those
 * settings, their load phases alternated round by round: for changes that a setting switches (GRAPHQL_EXECUTION=standard).
 * `--load-query '{ __typename }'` measures another query in place of the load (variable `$id`: the assessment), to
 * see what parts of a load cost: the raw baseline then replays that query's statements.
 * Requests go to 127.0.0.1 only and stop by themselves.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';

import { createApp } from '@cx/api-app';
import { loadConfig } from '@cx/api-shared-config';
import { preparedName, StatementCounter } from '@cx/api-shared-database';
import { Client, Pool, type QueryConfig } from 'pg';
import pino from 'pino';

import { API_NODE_FLAGS } from './built-api';
import { KeepAliveClient } from './http-client';

interface Stats {
  /** CPU time of the API process per request (user + system), when measured. */
  cpuMs?: number;
  /** CPU time per request of this process (the load generator, or the raw driver) and of local PostgreSQL's processes. */
  selfMs?: number;
  pgMs?: number;
  /** Share of the phase the API's event loop was busy (running or waiting for a core, not for I/O), in %. */
  loopBusy?: number;
  /** Share of the machine's CPU time (all cores) that was busy during the phase, in %. */
  busy?: number;
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
/** Even, so that each order of a group's phases (see below) is run as often as the other. */
const ROUNDS = Number(arg('rounds', '4'));
/** `--pool N` (PostgreSQL): connections of the API process and of the raw-SQL baseline alike. */
const POOL = arg('pool', '20');
/** `--workers N` (PostgreSQL): N API processes on one database, clients spread over them as API_WORKERS=N would. */
const WORKERS = Number(arg('workers', '1'));
/** `--ab NAME=value,...`: settings of the variant API process. */
const AB = arg('ab', '')
  .split(',')
  .filter(Boolean)
  .map((kv) => kv.split('='));
const AB_SETTINGS: Record<string, string> | undefined =
  AB.length > 0 ? Object.fromEntries(AB.map(([k, v]) => [k ?? '', v ?? ''])) : undefined;
/**
 * `--gate perf-baseline.json`: the regression gate of quality.md §1.2. Runs only the 20-client load phases and fails
 * when a ratio the file lists falls more than its tolerance below the committed value.
 */
const GATE = arg('gate', '');
let firstError: string | undefined;
const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** CPU used so far by local PostgreSQL's processes, exited ones included (Linux /proc), in microseconds; 0 where it cannot be read. */
function postgresCpuMicros(): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
        const fields = stat.slice(close + 2).split(' ');
        // utime, stime, cutime, cstime: fields 14–17 of the line, 12–15 after the name. The postmaster's cutime and
        // cstime hold the CPU of its backends that have exited (a pool closing idle connections), so none goes missing.
        ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      } catch {
        // The process ended while being read.
      }
    }
  } catch {
    return 0;
  }
  return (ticks * 1e6) / CLOCK_TICKS;
}
/** The machine's CPU time so far (all cores, in clock ticks): busy and in all; zeros where /proc/stat cannot be read. */
function machineTicks(): { busy: number; total: number } {
  try {
    const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
    const ticks = fields.slice(0, 8).map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    // idle and iowait are the 4th and 5th.
    return { busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0), total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * Runs `task` from `clients` concurrent loops for `seconds`; returns throughput and latency percentiles (ms).
 * Back to back by default (each client is a load generator); with `everyMs`, each client starts a task at most
 * that often, as a person's browser does.
 */
async function load(clients: number, seconds: number, task: (client: number) => Promise<boolean>, everyMs = 0): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  const self0 = process.cpuUsage();
  const pg0 = postgresCpuMicros();
  const machine0 = machineTicks();
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      // Paced clients start spread over one period, as people do not all type in step.
      if (everyMs) await new Promise((r) => setTimeout(r, (c * everyMs) / clients));
      while (performance.now() < end) {
        const t0 = performance.now();
        const ok = await task(c).catch((err: unknown) => {
          firstError ??= String(err);
          return false;
        });
        const took = performance.now() - t0;
        latencies.push(took);
        if (!ok) errors++;
        if (everyMs > took) await new Promise((r) => setTimeout(r, everyMs - took));
      }
    }),
  );
  const self = process.cpuUsage(self0);
  const pgMicros = postgresCpuMicros() - pg0;
  const machine1 = machineTicks();
  const perRequest = (micros: number): number => micros / 1000 / Math.max(1, latencies.length);
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    selfMs: perRequest(self.user + self.system),
    pgMs: perRequest(pgMicros),
    busy: (100 * (machine1.busy - machine0.busy)) / Math.max(1, machine1.total - machine0.total),
    errors,
  };
}

function medianStats(runs: Stats[]): Stats {
  return {
    rps: median(runs.map((r) => r.rps)),
    ...(runs[0]?.cpuMs === undefined
      ? {}
      : { cpuMs: median(runs.map((r) => r.cpuMs ?? 0)), loopBusy: median(runs.map((r) => r.loopBusy ?? 0)) }),
    selfMs: median(runs.map((r) => r.selfMs ?? 0)),
    pgMs: median(runs.map((r) => r.pgMs ?? 0)),
    busy: median(runs.map((r) => r.busy ?? 0)),
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

/** Keep-alive connections per API base URL, one per request in flight. Renewed before each phase (see `reset`). */
const httpClients = new Map<string, KeepAliveClient>();

/** POSTs a GraphQL request body; resolves with the status and the raw answer. */
async function post(base: string, cookie: string, csrf: string, body: string): Promise<{ status: number; answer: Buffer }> {
  let client = httpClients.get(base);
  if (!client) {
    client = new KeepAliveClient(Number(new URL(base).port));
    httpClients.set(base, client);
  }
  const { status, body: answer } = await client.post(
    '/graphql',
    { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body,
  );
  return { status, answer };
}

/** A captured statement as the API sends it: named (prepared) if the API prepares it, as the replay must too. */
function asSent(text: string, values: unknown[] | undefined): QueryConfig {
  const name = preparedName(text);
  return name ? { name, text, values } : { text, values };
}

async function gql<T>(
  base: string,
  cookie: string,
  csrf: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: T; errors?: unknown[] }> {
  const { answer } = await post(base, cookie, csrf, JSON.stringify({ query, variables }));
  return JSON.parse(answer.toString('utf8')) as { data?: T; errors?: unknown[] };
}

/**
 * A load under measurement only checks the answer (status 200, no `"errors":` key, which no field of the schema is
 * called): parsing 28 kB of JSON per request would take CPU from the API on this shared machine. The probe before
 * the phases parses it in full.
 */
async function loadOk(base: string, cookie: string, csrf: string, body: string): Promise<boolean> {
  const { status, answer } = await post(base, cookie, csrf, body);
  const ok = status === 200 && !answer.includes('"errors":');
  if (!ok) firstError ??= `load: ${answer.toString('utf8', 0, 300)}`;
  return ok;
}

const FULL_LOAD = `query($id: ID!) { assessment(id: $id) { id status framework { domains { code criteria { code statement levels { value descriptor } } } }
  responses { criterionCode level rationale version assignee { displayName } updatedBy { displayName } }
  targets { domainCode targetLevel } scores { total domains { domainCode score gap criteriaBelowTarget } } } }`;
const LOAD = arg('load-query', FULL_LOAD);
/** What the web app asks for after each autosave: the saved answer and the new scores. */
const SAVE = `mutation($input: SaveCriterionResponseInput!) { saveCriterionResponse(input: $input) {
  response { id criterionCode level notApplicable rationale markedForReview carriedForward editable version dueOn updatedAt
    assignee { id displayName } updatedBy { id displayName } }
  assessmentStatus frameworkVersionId scores { completion total maxTotal domains { domainCode domainName answered applicable total
    completion markedForReview score maxPoints currentLevel targetLevel gap criteriaBelowTarget } } } }`;

interface Statement {
  query: string;
  parameters?: unknown[];
}

/** Messages between this process and the API child. */
type ToChild =
  | { type: 'capture-start' }
  | { type: 'capture-end' }
  | { type: 'cpu' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; name: string }
  | { type: 'raw'; clients: number; seconds: number; statements: Statement[] }
  | { type: 'handler-start'; statements: Statement[] }
  | { type: 'handler-stop' };
type FromChild =
  | { type: 'ready'; port: number }
  | { type: 'captured'; statements: Statement[] }
  | { type: 'raw-done'; stats: Stats }
  | { type: 'handler-ready'; port: number }
  | { type: 'ack' }
  | { type: 'cpu'; micros: number; loopActive: number; loopIdle: number }
  | { type: 'failed'; message: string };

/** The embedded database's query interface: all the raw replays need of it. */
type Embedded = { query: (text: string, parameters?: unknown[]) => Promise<{ rows: unknown[] }> };

/**
 * Runs the captured statements in order, as the API ran them: on one pooled connection, each sent as the API sends it
 * (named where it prepares it), or on the embedded database. Returns each statement's rows.
 */
async function replay(statements: Statement[], on: Pool | Embedded): Promise<unknown[][]> {
  const results: unknown[][] = [];
  if (!(on instanceof Pool)) {
    for (const x of statements) results.push((await on.query(x.query, x.parameters)).rows);
    return results;
  }
  const client = await on.connect();
  try {
    for (const x of statements) results.push((await client.query(asSent(x.query, x.parameters))).rows);
  } finally {
    client.release();
  }
  return results;
}

/**
 * Baseline B0 of quality.md §1.2, the raw handler: a bare node:http server that answers each POST by running exactly
 * the statements the API ran for that request through its own `pg` pool (or on the embedded database, while the API
 * is idle), then `JSON.stringify` of their rows. It runs in the API's process (idle meanwhile), with the same V8
 * flags, so that its CPU per request is measured the same way.
 */
async function rawHandler(
  databaseUrl: string | undefined,
  embedded: Embedded | undefined,
  statements: Statement[],
): Promise<{ server: Server; pool?: Pool }> {
  const pool = embedded ? undefined : new Pool({ connectionString: databaseUrl, max: Number(POOL) });
  const on = pool ?? (embedded as Embedded);
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      replay(statements, on).then(
        (rows) => {
          const body = JSON.stringify({ data: rows });
          response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
          response.end(body);
        },
        (err: unknown) => {
          const body = JSON.stringify({ errors: [String(err)] });
          response.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
          response.end(body);
        },
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, pool };
}

/** The child: serves the app until disconnected; captures SQL and replays raw PGlite statements on request. */
async function serve(databaseUrl: string | undefined): Promise<void> {
  const counter = new StatementCounter();
  counter.recording = false;
  const overrides = JSON.parse(process.env['BENCH_SETTINGS'] ?? '{}') as Record<string, string>;
  const config = loadConfig({
    NODE_ENV: 'production',
    DEMO_SIGN_IN: 'true',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'silent',
    SEED_ON_START: 'always',
    SIGN_IN_RATE_LIMIT_PER_MINUTE: '10000',
    // The bench captures the statements of single requests to replay them; a seal in that window would be counted.
    AUDIT_SEAL_INTERVAL_SECONDS: '0',
    WEB_DIST_DIR: 'tmp/none',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: POOL } : { DATA_DIR: 'memory://' }),
    ...overrides,
  });
  const created = await createApp(config, pino({ level: 'silent' }), { sqlLogger: counter });
  await created.app.listen(0, '127.0.0.1');
  const send = (m: FromChild): boolean => process.send?.(m) ?? false;
  let profiler: Session | undefined;
  let handler: { server: Server; pool?: Pool } | undefined;
  process.on('message', (m: ToChild) => {
    void (async () => {
      if (m.type === 'profile-start') {
        profiler ??= new Session();
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
        send({ type: 'ack' });
      } else if (m.type === 'profile-stop') {
        const { profile } = await (profiler as Session).post('Profiler.stop');
        (profiler as Session).disconnect();
        mkdirSync('tmp/bench-prof', { recursive: true });
        writeFileSync(`tmp/bench-prof/${m.name}.cpuprofile`, JSON.stringify(profile));
        send({ type: 'ack' });
      } else if (m.type === 'cpu') {
        const used = process.cpuUsage();
        const loop = performance.eventLoopUtilization();
        send({ type: 'cpu', micros: used.user + used.system, loopActive: loop.active, loopIdle: loop.idle });
      } else if (m.type === 'capture-start') {
        counter.reset();
        counter.recording = true;
        send({ type: 'ack' });
      } else if (m.type === 'capture-end') {
        // Not kept while under load: thousands of recorded statements would tax the API's heap and GC.
        counter.recording = false;
        send({ type: 'captured', statements: counter.recorded.map((x) => ({ query: x.query, parameters: x.parameters as unknown[] })) });
      } else if (m.type === 'raw') {
        const db = created.database.embedded?.db;
        if (!db) throw new Error('raw replay in the child is for the embedded database only');
        // PGlite serialises everything; the app's lock is not used here, so the parent keeps the API idle meanwhile.
        const stats = await load(m.clients, m.seconds, async () => {
          await replay(m.statements, db);
          return true;
        });
        send({ type: 'raw-done', stats });
      } else if (m.type === 'handler-start') {
        handler = await rawHandler(databaseUrl, created.database.embedded?.db, m.statements);
        send({ type: 'handler-ready', port: (handler.server.address() as AddressInfo).port });
      } else if (m.type === 'handler-stop') {
        if (handler) {
          const { server, pool } = handler;
          handler = undefined;
          server.closeAllConnections();
          await new Promise((closed) => server.close(closed));
          await pool?.end();
        }
        send({ type: 'ack' });
      }
    })().catch((err: unknown) => send({ type: 'failed', message: String(err) }));
  });
  process.on('disconnect', () => void created.app.close().then(() => process.exit(0)));
  send({ type: 'ready', port: (created.app.getHttpServer().address() as { port: number }).port });
}

/** Sends a message to the child and waits for its answer. */
async function ask(child: ChildProcess, message: ToChild): Promise<FromChild> {
  const reply = once(child, 'message') as Promise<[FromChild]>;
  child.send(message);
  const [answer] = await reply;
  if (answer.type === 'failed') throw new Error(answer.message);
  return answer;
}

async function startChild(
  databaseUrl: string | undefined,
  settings: Record<string, string> = {},
): Promise<{ child: ChildProcess; base: string }> {
  // The pool size goes along: the child reads its own arguments.
  const child = fork(__filename, ['--serve', databaseUrl ?? '', '--pool', POOL], {
    // The same V8 flags as `npm start` and the container (see README, Deploying); BENCH_NODE_FLAGS overrides them.
    execArgv: [...process.execArgv, ...(process.env['BENCH_NODE_FLAGS'] ?? API_NODE_FLAGS.join(' ')).split(' ').filter(Boolean)],
    env: { ...process.env, NODE_ENV: 'production', BENCH_SETTINGS: JSON.stringify(settings) },
  });
  const [ready] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() => [{ type: 'failed', message: 'API exited' }]),
  ])) as [FromChild];
  if (ready.type !== 'ready') throw new Error(`API did not start: ${JSON.stringify(ready)}`);
  return { child, base: `http://127.0.0.1:${ready.port}` };
}

async function benchEngine(engine: string): Promise<Record<string, Stats | number | Record<string, Stats[]>>> {
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
  const { child, base } = await startChild(url);
  // Further API processes share the database (and so sessions); only the first migrates and seeds.
  const others = url ? await Promise.all(Array.from({ length: WORKERS - 1 }, () => startChild(url, { SEED_ON_START: 'never' }))) : [];
  const workers = [{ child, base }, ...others];
  let variant: { child: ChildProcess; base: string } | undefined;
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
    const list = await gql<{ assessments: Array<{ id: string; organizationName: string }> }>(
      base,
      cookie,
      csrf,
      '{ assessments { id organizationName } }',
    );
    const id = list.data?.assessments.find((a) => a.organizationName === 'Veterans Health Administration')?.id ?? '';
    // Deterministic data: every criterion answered, every domain with a target.
    const first = await gql<{ assessment: { framework: { domains: Array<{ code: string; criteria: Array<{ code: string }> }> } } }>(
      base,
      cookie,
      csrf,
      FULL_LOAD,
      { id },
    );
    if (first.errors) throw new Error(JSON.stringify(first.errors));
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
    const saveOn =
      (target: string) =>
      async (c: number): Promise<boolean> => {
        const code = criteria[c % criteria.length] as string;
        const r = await gql<{ saveCriterionResponse: { response: { version: number } } }>(target, cookie, csrf, SAVE, {
          input: { assessmentId: id, criterionCode: code, expectedVersion: versions.get(code), level: ((versions.get(code) ?? 0) % 5) + 1 },
        });
        if (r.errors) {
          firstError ??= JSON.stringify(r.errors).slice(0, 300);
          return false;
        }
        versions.set(code, r.data?.saveCriterionResponse.response.version ?? 0);
        return true;
      };
    const saversByProcess = workers.map((w) => saveOn(w.base));
    /** Client c always talks to the same process, as a keep-alive connection does under node:cluster. */
    const save = (c: number): Promise<boolean> => (saversByProcess[c % saversByProcess.length] as (c: number) => Promise<boolean>)(c);

    // Capture exactly the SQL one load (and one save) runs, to replay it as the baseline.
    await gql(base, cookie, csrf, LOAD, { id });
    await ask(child, { type: 'capture-start' });
    const probe = await gql(base, cookie, csrf, LOAD, { id });
    if (probe.errors) throw new Error(JSON.stringify(probe.errors));
    const captured = await ask(child, { type: 'capture-end' });
    const statements = captured.type === 'captured' ? captured.statements : [];
    await ask(child, { type: 'capture-start' });
    await save(0);
    const savedWith = await ask(child, { type: 'capture-end' });
    const saveStatements = savedWith.type === 'captured' ? savedWith.statements.length : 0;

    const pool = url ? new Pool({ connectionString: url, max: Number(POOL) }) : undefined;
    const savers = Math.min(20, criteria.length);
    // Each client's save captured once, to replay as raw SQL: the same statements on the same rows (PostgreSQL).
    const saveReplays: Statement[][] = [];
    for (let c = 0; pool && c < savers; c++) {
      const serving = (workers[c % workers.length] as { child: ChildProcess }).child;
      await ask(serving, { type: 'capture-start' });
      await save(c);
      const got = await ask(serving, { type: 'capture-end' });
      saveReplays.push(got.type === 'captured' ? got.statements : []);
    }
    /**
     * The raw save: the write is replayed at the answer's current version, as the API would send it: the 4th
     * parameter of the one-statement save, the 3rd of the checked path's write.
     */
    const versionParameter = (query: string): number | undefined =>
      /updated AS \(\s*UPDATE criterion_response/.test(query) ? 3 : /written AS \(\s*UPDATE criterion_response/.test(query) ? 2 : undefined;
    const rawSave = async (c: number): Promise<boolean> => {
      const statements = saveReplays[c] ?? [];
      const code = criteria[c % criteria.length] as string;
      const client = await (pool as Pool).connect();
      try {
        for (const st of statements) {
          const at = versionParameter(st.query);
          const write = at !== undefined;
          const params = write ? (st.parameters ?? []).map((p, i) => (i === at ? versions.get(code) : p)) : st.parameters;
          const result = await client.query<{ id: string | null; version: number | null }>(asSent(st.query, params));
          if (write) {
            if (!result.rows[0]?.id) return false;
            versions.set(code, result.rows[0].version ?? 0);
          }
        }
        return true;
      } finally {
        client.release();
      }
    };
    const raw = async (clients: number): Promise<Stats> => {
      if (!pool) {
        const done = await ask(child, { type: 'raw', clients, seconds: SECONDS, statements });
        if (done.type !== 'raw-done') throw new Error('raw replay failed');
        return done.stats;
      }
      return load(clients, SECONDS, async () => {
        await replay(statements, pool);
        return true;
      });
    };
    /** A load phase against the API, with the API process's CPU time per request. */
    const profiling = process.argv.includes('--profile');
    /** CPU time used so far by these API processes (µs), and their event loops' active and idle time (ms). */
    const cpuOf = async (processes: ChildProcess[]): Promise<{ micros: number; active: number; idle: number }> => {
      const sum = { micros: 0, active: 0, idle: 0 };
      for (const p of processes) {
        const answer = await ask(p, { type: 'cpu' });
        if (answer.type !== 'cpu') continue;
        sum.micros += answer.micros;
        sum.active += answer.loopActive;
        sum.idle += answer.loopIdle;
      }
      return sum;
    };
    const apiPhase = async (
      clients: number,
      task: (client: number) => Promise<boolean>,
      name: string,
      on = workers.map((w) => w.child),
    ): Promise<Stats> => {
      const [first] = on as [ChildProcess];
      if (profiling) await ask(first, { type: 'profile-start' });
      for (const c of httpClients.values()) c.reset();
      const before = await cpuOf(on);
      const stats = await load(clients, SECONDS, task);
      const after = await cpuOf(on);
      if (profiling) await ask(first, { type: 'profile-stop', name: `${engine}-${name}` });
      const active = after.active - before.active;
      return {
        ...stats,
        cpuMs: (after.micros - before.micros) / 1000 / Math.max(1, stats.rps * SECONDS),
        loopBusy: (100 * active) / Math.max(1, active + after.idle - before.idle),
      };
    };
    const loadBody = JSON.stringify({ query: LOAD, variables: { id } });
    const loadOn = (target: string) => (): Promise<boolean> => loadOk(target, cookie, csrf, loadBody);
    const loaders = workers.map((w) => loadOn(w.base));
    const api = (c: number): Promise<boolean> => (loaders[c % loaders.length] as () => Promise<boolean>)();
    // B0 of quality.md: the same statements behind a bare HTTP handler, loaded by the same client with the same request.
    const started = await ask(child, { type: 'handler-start', statements });
    const handlerBase = `http://127.0.0.1:${started.type === 'handler-ready' ? started.port : 0}`;
    const handler = (): Promise<boolean> => loadOk(handlerBase, cookie, csrf, loadBody);
    // The variant shares the database (and so the session); it neither migrates nor seeds.
    if (AB_SETTINGS && url) variant = await startChild(url, { ...AB_SETTINGS, SEED_ON_START: 'never' });
    const runs: Record<string, Stats[]> = {
      api1: [],
      raw1: [],
      handler1: [],
      api20: [],
      raw20: [],
      handler20: [],
      save20: [],
      rawSave20: [],
      savePaced: [],
      var1: [],
      var20: [],
      varSave20: [],
    };
    // Each group's phases run in turn, in the opposite order every other round: a phase that follows a busy one
    // measured up to 13 % more throughput than the same phase following a light one (two mirrored A/B runs,
    // README), so a fixed order would favour whichever side comes second.
    type Phase = () => Promise<void>;
    /** A phase that adds its figures to `runs[key]`; none when `measure` is absent (no variant, or no raw autosave). */
    const phase = (key: string, measure: (() => Promise<Stats>) | false | undefined): Phase[] =>
      measure ? [async () => void runs[key]?.push(await measure())] : [];
    const v = variant;
    const groups: Phase[][] = [
      [
        ...phase('api1', () => apiPhase(1, api, 'load-1')),
        ...phase('var1', v && (() => apiPhase(1, loadOn(v.base), 'variant-load-1', [v.child]))),
        ...phase('handler1', () => apiPhase(1, handler, 'handler-1', [child])),
        ...phase('raw1', () => raw(1)),
      ],
      [
        ...phase('api20', () => apiPhase(20, api, 'load-20')),
        ...phase('var20', v && (() => apiPhase(20, loadOn(v.base), 'variant-load-20', [v.child]))),
        ...phase('handler20', () => apiPhase(20, handler, 'handler-20', [child])),
        ...phase('raw20', () => raw(20)),
      ],
      [
        // Each client edits its own answer, as people do; 20 clients over 28 criteria.
        ...phase('save20', () => apiPhase(savers, save, 'save-20')),
        ...phase('varSave20', v && (() => apiPhase(savers, saveOn(v.base), 'variant-save-20', [v.child]))),
        ...phase('rawSave20', pool && (() => load(savers, SECONDS, rawSave))),
      ],
      // The web app saves at most every 1.5 s per person while they type (debounce), so once a second is brisk.
      phase('savePaced', () => load(savers, SECONDS, save, 1000)),
    ];
    // The gate measures what it checks and no more, to keep CI short.
    const measured = GATE ? [groups[1] as Phase[]] : groups;
    // Warm-up, not counted: the first seconds of a process run unoptimised code (quality.md: autocannon --warmup).
    await load(20, 2, api);
    await load(20, 2, handler);
    for (let round = 0; round < ROUNDS; round++) {
      for (const group of measured) for (const run of round % 2 === 0 ? group : [...group].reverse()) await run();
    }
    await pool?.end();
    await ask(child, { type: 'handler-stop' });
    const m = Object.fromEntries(
      Object.entries(runs)
        .filter(([, v]) => v.length > 0)
        .map(([k, v]) => [k, medianStats(v)]),
    ) as Record<string, Stats>;
    return { ...m, rounds: runs, statements: statements.length, saveStatements, criteria: criteria.length, workers: workers.length };
  } finally {
    for (const c of [...workers.map((w) => w.child), ...(variant ? [variant.child] : [])]) {
      c.disconnect();
      await once(c, 'exit');
    }
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
  if (LOAD !== FULL_LOAD) console.log(`Load query replaced by --load-query: ${LOAD}`);
  const gated: Record<string, { median: number; rounds: string }> = {};
  for (const engine of ENGINES) {
    const r = await benchEngine(engine);
    const s = (k: string) => r[k] as Stats;
    console.log(
      `\n### ${engine} (API processes: ${String(r['workers'])}; one assessment: ${String(r['criteria'])} answers; SQL statements: ${String(r['statements'])} per load, ${String(r['saveStatements'])} per save)\n`,
    );
    console.log(
      '| measure | clients | req/s | p50 ms | p95 ms | p99 ms | API CPU ms/req | API event loop busy % | client CPU ms/req | PostgreSQL CPU ms/req | machine busy % | errors |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
    const variantLabel = AB_SETTINGS ? ` with ${AB.map(([k, v]) => `${k}=${v}`).join(', ')}` : '';
    for (const [label, key, clients] of [
      ['load assessment (API)', 'api1', 1],
      [`load assessment (API${variantLabel})`, 'var1', 1],
      ['same SQL behind a bare HTTP handler (B0)', 'handler1', 1],
      ['same SQL, raw driver', 'raw1', 1],
      ['load assessment (API)', 'api20', 20],
      [`load assessment (API${variantLabel})`, 'var20', 20],
      ['same SQL behind a bare HTTP handler (B0)', 'handler20', 20],
      ['same SQL, raw driver', 'raw20', 20],
      ['autosave (API)', 'save20', 20],
      ['same SQL, raw driver', 'rawSave20', 20],
      ['autosave (API), each client once a second', 'savePaced', 20],
      [`autosave (API${variantLabel})`, 'varSave20', 20],
    ] as const) {
      const x = r[key] as Stats | undefined;
      if (!x) continue;
      const ms = (v: number | undefined): string => (v === undefined ? '' : v.toFixed(2));
      console.log(
        `| ${label} | ${clients} | ${f(x.rps)} | ${f(x.p50)} | ${f(x.p95)} | ${f(x.p99)} | ${ms(x.cpuMs)} | ${x.loopBusy === undefined ? '' : x.loopBusy.toFixed(0)} | ${ms(x.selfMs)} | ${engine === 'postgres' ? ms(x.pgMs) : ''} | ${(x.busy ?? 0).toFixed(0)} | ${x.errors} |`,
      );
    }
    if (firstError) console.log(`\nFirst error: ${firstError}`);
    firstError = undefined;
    // The spread over rounds says how far one run's medians can be trusted on a machine whose speed drifts.
    const rounds = r['rounds'] as Record<string, Stats[]>;
    const spread = (values: number[], digits: number): string =>
      `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
    const roundRatios = (api: string, base: string): string =>
      spread(
        (rounds[api] ?? []).map((x, i) => x.rps / (rounds[base]?.[i]?.rps ?? Number.NaN)),
        2,
      );
    if (GATE) {
      for (const [key, api, base] of [
        ['apiOverB0', 'api20', 'handler20'],
        ['apiOverB1', 'api20', 'raw20'],
      ] as const) {
        gated[`${engine}.load20.${key}`] = { median: s(api).rps / s(base).rps, rounds: roundRatios(api, base) };
      }
      continue;
    }
    console.log(
      `\nAPI ÷ raw throughput: ${(s('api1').rps / s('raw1').rps).toFixed(2)} at 1 client, ${(s('api20').rps / s('raw20').rps).toFixed(2)} at 20 clients` +
        ` (round by round: ${roundRatios('api1', 'raw1')} and ${roundRatios('api20', 'raw20')}); autosave p95 round by round ${spread(
          (rounds['save20'] ?? []).map((x) => x.p95),
          1,
        )} ms.`,
    );
    console.log(
      `API ÷ bare HTTP handler (B0): ${(s('api1').rps / s('handler1').rps).toFixed(2)} at 1 client, ${(s('api20').rps / s('handler20').rps).toFixed(2)} at 20 clients` +
        ` (round by round: ${roundRatios('api1', 'handler1')} and ${roundRatios('api20', 'handler20')}).` +
        ` Latency over the raw driver's (quality.md: p50 difference ≤ 5 ms, ratio ≤ 3×): p50 +${(s('api1').p50 - s('raw1').p50).toFixed(1)} ms` +
        ` (${(s('api1').p50 / s('raw1').p50).toFixed(2)}×) at 1 client, +${(s('api20').p50 - s('raw20').p50).toFixed(1)} ms (${(s('api20').p50 / s('raw20').p50).toFixed(2)}×) at 20.`,
    );
    if (r['var1']) {
      const ratio = (k: string, base: string, field: 'rps' | 'cpuMs' | 'p95'): string =>
        ((s(k)[field] ?? 0) / (s(base)[field] ?? 1)).toFixed(2);
      console.log(
        `Variant ÷ default: load throughput ${ratio('var1', 'api1', 'rps')} (1 client), ${ratio('var20', 'api20', 'rps')} (20); ` +
          `CPU per load ${ratio('var1', 'api1', 'cpuMs')} (1), ${ratio('var20', 'api20', 'cpuMs')} (20); autosave p95 ${ratio('varSave20', 'save20', 'p95')}.`,
      );
    }
  }
  for (const c of httpClients.values()) c.reset();
  if (GATE) checkGate(gated);
}

/** Compares the measured ratios with the committed ones; a ratio more than the tolerance below its value fails. */
function checkGate(measured: Record<string, { median: number; rounds: string }>): void {
  const baseline = JSON.parse(readFileSync(GATE, 'utf8')) as { tolerance: number; ratios: Record<string, number> };
  const failures: string[] = [];
  console.log(`\nRegression gate (${GATE}): a ratio may fall at most ${baseline.tolerance * 100} % below its committed value.\n`);
  console.log('| ratio | committed | floor | measured (median) | rounds | |');
  console.log('|---|---|---|---|---|---|');
  for (const [key, committed] of Object.entries(baseline.ratios)) {
    const got = measured[key];
    const floor = committed * (1 - baseline.tolerance);
    const ok = got !== undefined && got.median >= floor;
    if (!ok) failures.push(key);
    console.log(
      `| ${key} | ${committed.toFixed(2)} | ${floor.toFixed(2)} | ${got?.median.toFixed(2) ?? 'not measured'} | ${got?.rounds ?? ''} | ${ok ? 'ok' : 'FAILED'} |`,
    );
  }
  for (const [key, got] of Object.entries(measured)) {
    if (!(key in baseline.ratios)) console.log(`| ${key} (reported, not gated) | | | ${got.median.toFixed(2)} | ${got.rounds} | |`);
  }
  if (failures.length > 0) {
    console.error(`\nRegression gate failed: ${failures.join(', ')}.`);
    process.exitCode = 1;
  }
}

const entry = process.argv.includes('--serve') ? serve(process.argv[process.argv.indexOf('--serve') + 1] || undefined) : main();
entry.catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
