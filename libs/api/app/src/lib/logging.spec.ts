import { request as httpRequest } from 'node:http';

import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';

import { registerAccessLog, requestIdOf } from './logging';

type Line = Record<string, unknown> & { level: number; msg: string };

describe('registerAccessLog', () => {
  let app: FastifyInstance;
  let base: string;
  const lines: Line[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Line) });
    app = Fastify({ genReqId: requestIdOf, requestIdHeader: false });
    registerAccessLog(app, logger);
    app.get('/health', () => 'ok');
    app.get('/id', (req) => req.id);
    app.get<{ Params: { code: string } }>('/status/:code', (req, reply) => reply.status(Number(req.params.code)).send('done'));
    app.get('/hang', () => new Promise(() => undefined));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());
  beforeEach(() => (lines.length = 0));

  /** The line is written once the response closes, which can come just after the client has it. */
  async function nextLine(): Promise<Line> {
    for (let i = 0; i < 100 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(lines).toHaveLength(1);
    return lines[0] as Line;
  }

  it('logs one line per request with its id, method, path, status and time, and no headers', async () => {
    const res = await fetch(`${base}/status/200?page=2`, { headers: { cookie: 'cx_session=secret-token', 'x-csrf-token': 'csrf' } });
    const line = await nextLine();
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      reqId: res.headers.get('x-request-id'),
      req: { method: 'GET', url: '/status/200?page=2' },
      res: { statusCode: 200 },
    });
    expect(typeof line['responseTime']).toBe('number');
    expect(JSON.stringify(line)).not.toMatch(/secret-token|csrf/);
  });

  it('keeps a well-formed request id from the proxy and replaces a malformed one', async () => {
    const kept = await fetch(`${base}/status/200`, { headers: { 'x-request-id': 'proxy-id-12345' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-id-12345');
    expect((await nextLine())['reqId']).toBe('proxy-id-12345');
    lines.length = 0;
    const replaced = await fetch(`${base}/status/200`, { headers: { 'x-request-id': 'bad id\u00e9' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await nextLine();
  });

  it('gives the request its id, for the audit events it writes', async () => {
    const res = await fetch(`${base}/id`);
    expect(await res.text()).toBe(res.headers.get('x-request-id'));
  });

  it('logs client errors as warnings and server errors as errors', async () => {
    await fetch(`${base}/status/404`);
    expect((await nextLine()).level).toBe(40);
    lines.length = 0;
    await fetch(`${base}/status/503`);
    expect((await nextLine()).level).toBe(50);
  });

  it('logs a request the client gave up on as aborted', async () => {
    const req = httpRequest(`${base}/hang`);
    req.on('error', () => undefined);
    req.end();
    await new Promise((r) => setTimeout(r, 50));
    req.destroy();
    expect(await nextLine()).toMatchObject({ level: 40, msg: 'request aborted', req: { url: '/hang' } });
  });

  it('does not log health checks, but still gives them an id', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
    expect(lines).toHaveLength(0);
  });
});
