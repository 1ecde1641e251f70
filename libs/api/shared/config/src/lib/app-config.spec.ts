import { ConfigValidationError, loadConfig } from './app-config';

describe(loadConfig.name, () => {
  it('should apply safe defaults when the environment is empty', () => {
    const sut = loadConfig({});
    expect(sut.port).toBe(3000);
    expect(sut.databaseUrl).toBeUndefined();
    expect(sut.demoSignIn).toBe(true);
    expect(sut.cookieSecure).toBe(false);
    expect(sut.oidc).toBeUndefined();
  });

  it('should refuse demo sign-in and require secure cookies when running in production', () => {
    const sut = loadConfig({ NODE_ENV: 'production' });
    expect(sut.demoSignIn).toBe(false);
    expect(sut.cookieSecure).toBe(true);
  });

  it('should allow demo sign-in in production only when explicitly enabled', () => {
    expect(loadConfig({ NODE_ENV: 'production', DEMO_SIGN_IN: 'true' }).demoSignIn).toBe(true);
  });

  it('should refuse several API workers on the embedded database, which belongs to one process', () => {
    expect(() => loadConfig({ API_WORKERS: '2' })).toThrow(/API_WORKERS above 1 needs DATABASE_URL/);
    expect(loadConfig({ API_WORKERS: '2', DATABASE_URL: 'postgres://db.example.gov/cx' }).apiWorkers).toBe(2);
    expect(loadConfig({}).apiWorkers).toBe(1);
  });

  it('should list every problem at once when several variables are invalid', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', OIDC_ISSUER: 'https://idp.example.gov' });
      fail('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigValidationError);
      const problems = (e as ConfigValidationError).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringContaining('PORT'),
          expect.stringContaining('DATABASE_URL'),
          expect.stringContaining('OIDC_CLIENT_ID'),
          expect.stringContaining('OIDC_PRIVATE_KEY_JWK'),
        ]),
      );
      expect(problems).toHaveLength(4);
    }
  });

  it('should read trusted proxies as none, a hop count or their addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,loopback' }).trustProxy).toBe('10.0.0.0/8,loopback');
  });

  it('should read the virus scanner as tcp://host:port, and refuse anything else', () => {
    expect(loadConfig({}).evidenceScan).toBeUndefined();
    expect(loadConfig({ EVIDENCE_SCAN_URL: 'tcp://clamav:3310' }).evidenceScan).toEqual({ host: 'clamav', port: 3310, timeoutMs: 30_000 });
    expect(loadConfig({ EVIDENCE_SCAN_URL: 'tcp://[::1]:3310/', EVIDENCE_SCAN_TIMEOUT_SECONDS: '5' }).evidenceScan).toEqual({
      host: '::1',
      port: 3310,
      timeoutMs: 5_000,
    });
    for (const bad of ['clamav:3310', 'http://clamav:3310', 'tcp://clamav', 'tcp://clamav:99999']) {
      expect(() => loadConfig({ EVIDENCE_SCAN_URL: bad })).toThrow(/EVIDENCE_SCAN_URL must name a clamd as tcp:\/\/host:port/);
    }
  });
});
