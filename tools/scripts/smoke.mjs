#!/usr/bin/env node
// Smoke test of `npm start` on a fresh embedded database: it boots, /health/ready is 200,
// the web app is served, and a signed-in GraphQL query works. Exits non-zero otherwise.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const port = process.env.SMOKE_PORT ?? '3300';
const dataDir = 'tmp/smoke-data';
rmSync(dataDir, { recursive: true, force: true });
const base = `http://127.0.0.1:${port}`;
const started = Date.now();
const child = spawn('npm', ['start'], {
  env: { ...process.env, PORT: port, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  stdio: 'inherit',
  detached: true,
});

const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
};
const fail = (msg) => {
  console.error(`SMOKE FAILED: ${msg}`);
  stop();
  process.exit(1);
};
const gql = async (query, variables, headers = {}) => {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { res, body: await res.json() };
};

let ready = false;
while (Date.now() - started < 240_000) {
  try {
    if ((await fetch(`${base}/health/ready`)).status === 200) {
      ready = true;
      break;
    }
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 1000));
}
if (!ready) fail('the app was not ready within 240 s');
console.log(`smoke: ready after ${((Date.now() - started) / 1000).toFixed(1)} s (build included)`);

const page = await fetch(`${base}/sign-in`, { headers: { accept: 'text/html' } });
const html = await page.text();
if (page.status !== 200 || !html.includes('<cx-root')) fail(`the web app was not served at /sign-in (status ${page.status})`);

const users = await gql('{ demoUsers { id displayName } }');
const dana = users.body.data?.demoUsers?.find((u) => u.displayName === 'Dana Whitfield');
if (!dana) fail('demo data missing');
const signIn = await gql('mutation($input: SignInDemoInput!) { signInDemo(input: $input) { csrfToken } }', { input: { userId: dana.id } });
const cookie = signIn.res.headers.get('set-cookie')?.split(';')[0];
if (!cookie) fail('no session cookie');
const orgs = await gql('{ organizations { abbreviation } currentCycle { name } }', undefined, { cookie });
const n = orgs.body.data?.organizations?.length ?? 0;
if (n < 10 || orgs.body.data?.currentCycle?.name !== 'FY 2027') fail(`signed-in query returned ${JSON.stringify(orgs.body).slice(0, 300)}`);
console.log(`smoke: signed in as Dana Whitfield and read ${n} organizations; current cycle ${orgs.body.data.currentCycle.name}`);
stop();
console.log('smoke: 1 passed, 0 failed');
process.exit(0);
