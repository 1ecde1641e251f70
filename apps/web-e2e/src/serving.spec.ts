import { expect, test } from '@playwright/test';

/** How the API process serves the built web app: files, the page for client-side routes, and nothing for the rest. */
test.describe('serving the web app', () => {
  test('should serve the page for any client-side route a browser opens, never cached, with the security headers', async ({ request }) => {
    for (const path of ['/', '/assessments/00000000-0000-4000-8000-000000000000/summary', '/my-assignments']) {
      const res = await request.get(path, { headers: { accept: 'text/html' } });
      expect({ path, status: res.status(), cache: res.headers()['cache-control'] }).toEqual({ path, status: 200, cache: 'no-cache' });
      expect(await res.text()).toContain('<cx-root');
      expect(res.headers()['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers()['x-request-id']).toBeTruthy();
    }
  });

  test('should serve built files named by their content for good, and other assets for an hour', async ({ request }) => {
    const page = await (await request.get('/', { headers: { accept: 'text/html' } })).text();
    const script = /src="([^"]+\.js)"/.exec(page)?.[1];
    expect(script).toMatch(/^main-[A-Z0-9]{8}\.js$/);
    const res = await request.get(`/${script}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/javascript/);
    expect(res.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await request.get('/favicon.ico');
    expect(icon.status()).toBe(200);
    expect(icon.headers()['cache-control']).toBe('public, max-age=3600');
  });

  test('should send the compressed copy the browser accepts, and the file itself to one that accepts none', async ({ request }) => {
    const page = await (await request.get('/', { headers: { accept: 'text/html' } })).text();
    const script = `/${/src="([^"]+\.js)"/.exec(page)?.[1] ?? ''}`;
    const plain = await request.get(script, { headers: { 'accept-encoding': 'identity' } });
    const body = await plain.body();
    expect(plain.headers()['content-encoding']).toBeUndefined();

    const sizes: Record<string, number> = {};
    for (const encoding of ['br', 'gzip']) {
      const res = await request.get(script, { headers: { 'accept-encoding': encoding } });
      expect({ encoding, status: res.status(), sent: res.headers()['content-encoding'] }).toEqual({
        encoding,
        status: 200,
        sent: encoding,
      });
      expect(res.headers()['vary']).toMatch(/accept-encoding/i);
      sizes[encoding] = Number(res.headers()['content-length']);
      // Playwright decodes it: the same script.
      expect((await res.body()).equals(body)).toBe(true);
    }
    expect(sizes['br']).toBeLessThan(body.length / 2);
    expect(sizes['gzip']).toBeLessThan(body.length * 0.6);
  });

  test('should answer 404, not the page, for unknown API paths and for requests that do not take HTML', async ({ request }) => {
    expect((await request.get('/api/unknown', { headers: { accept: 'text/html' } })).status()).toBe(404);
    expect((await request.get('/auth/unknown', { headers: { accept: 'text/html' } })).status()).toBe(404);
    expect((await request.get('/assessments', { headers: { accept: 'application/json' } })).status()).toBe(404);
    expect((await request.get('/health/live')).status()).toBe(200);
  });
});
