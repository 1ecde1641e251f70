import Fastify, { type FastifyInstance } from 'fastify';

import { registerSecurityHeaders, securityHeaders } from './security-headers';

const OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"], upgradeInsecureRequests: [] },
  },
  hsts: { maxAge: 31_536_000, includeSubDomains: true },
  crossOriginEmbedderPolicy: false,
  xFrameOptions: { action: 'deny' as const },
};

describe('securityHeaders', () => {
  it('works out the whole set once, as helmet would send it', () => {
    expect(securityHeaders(OPTIONS)).toEqual({
      'content-security-policy': "default-src 'self';frame-ancestors 'none';upgrade-insecure-requests",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'DENY',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    });
  });

  it('leaves out what is switched off', () => {
    const headers = securityHeaders({ ...OPTIONS, hsts: false, contentSecurityPolicy: false });
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses options helmet refuses, at start-up', () => {
    expect(() => securityHeaders({ contentSecurityPolicy: { useDefaults: false, directives: { scriptSrc: ["'self'"] } } })).toThrow(
      /default-src/,
    );
  });
});

describe('registerSecurityHeaders', () => {
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = Fastify();
    registerSecurityHeaders(app, OPTIONS);
    app.get('/ok', () => 'ok');
    app.get('/fails', () => {
      throw new Error('boom');
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  it.each([
    ['a route', '/ok', 200],
    ['an unknown path', '/missing', 404],
    ['a failing route', '/fails', 500],
  ])('sends them with %s', async (_what, path, status) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self';frame-ancestors 'none';upgrade-insecure-requests");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });
});
