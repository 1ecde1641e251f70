/**
 * Every environment variable the API reads, validated once at boot.
 * Problems are collected and reported together so an operator fixes them in one pass.
 */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** JSON Web Key (private) for private_key_jwt client authentication, as Login.gov requires. */
  privateKeyJwk?: string;
  clientSecret?: string;
  redirectUri: string;
  acrValues: string;
  scopes: string;
  providerName: string;
}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl?: string;
  /** API processes sharing the port (node:cluster); above 1 needs DATABASE_URL. */
  apiWorkers: number;
  databasePoolSize: number;
  databaseSsl: boolean;
  /** Hot statements run as named prepared statements (PostgreSQL). Off for poolers that cannot keep them (PgBouncer before 1.21). */
  databasePreparedStatements: boolean;
  dataDir: string;
  seedOnStart: 'auto' | 'always' | 'never';
  demoSignIn: boolean;
  sessionIdleTimeoutSeconds: number;
  sessionAbsoluteTimeoutSeconds: number;
  cookieSecure: boolean;
  /** Proxies to trust for the client's address: none, a hop count, or their addresses (Fastify's `trustProxy`). */
  trustProxy: false | number | string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  webDistDir: string;
  graphqlMaxDepth: number;
  graphqlMaxComplexity: number;
  graphqlMaxAliases: number;
  /** Run operations compiled by graphql-jit (default) or interpreted by graphql-js. */
  graphqlExecution: 'compiled' | 'standard';
  signInRateLimitPerMinute: number;
  /** Seconds between seals of the audit trail's hash chain; 0 turns sealing off (tests seal by hand). */
  auditSealIntervalSeconds: number;
  /** ClamAV daemon that scans evidence files before they are stored (EVIDENCE_SCAN_URL); none means no scan. */
  evidenceScan?: { host: string; port: number; timeoutMs: number };
  oidc?: OidcConfig;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  str(name: string, fallback: string): string {
    const v = this.env[name];
    return v === undefined || v === '' ? fallback : v;
  }

  optional(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v === '' ? undefined : v;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }

  url(name: string, fallback?: string): string | undefined {
    const raw = this.optional(name) ?? fallback;
    if (raw === undefined) return undefined;
    try {
      new URL(raw);
      return raw;
    } catch {
      this.problems.push(`${name} must be a full URL such as https://example.gov (got "${raw}")`);
      return undefined;
    }
  }
}

export function loadConfig(env: Env = process.env): AppConfig {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const isProduction = nodeEnv === 'production';
  const port = r.int('PORT', 3000, 1, 65535);
  const publicUrl = r.url('PUBLIC_URL', `http://localhost:${port}`) ?? `http://localhost:${port}`;

  const databaseUrl = r.optional('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    r.problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }

  // Demo sign-in lets anyone become any seeded user: on by default only outside production.
  const demoSignIn = r.bool('DEMO_SIGN_IN', !isProduction);

  const trustProxyRaw = r.optional('TRUST_PROXY');
  const trustProxy: AppConfig['trustProxy'] =
    trustProxyRaw === undefined || trustProxyRaw === 'false' ? false : /^\d+$/.test(trustProxyRaw) ? Number(trustProxyRaw) : trustProxyRaw;

  const issuer = r.url('OIDC_ISSUER');
  let oidc: OidcConfig | undefined;
  if (issuer) {
    const clientId = r.optional('OIDC_CLIENT_ID');
    const privateKeyJwk = r.optional('OIDC_PRIVATE_KEY_JWK');
    const clientSecret = r.optional('OIDC_CLIENT_SECRET');
    if (!clientId) r.problems.push('OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
    if (!privateKeyJwk && !clientSecret) {
      r.problems.push('Set OIDC_PRIVATE_KEY_JWK (private_key_jwt, used by Login.gov) or OIDC_CLIENT_SECRET when OIDC_ISSUER is set');
    }
    if (privateKeyJwk) {
      try {
        JSON.parse(privateKeyJwk);
      } catch {
        r.problems.push('OIDC_PRIVATE_KEY_JWK must be a JSON Web Key (JSON text)');
      }
    }
    oidc = {
      issuer,
      clientId: clientId ?? '',
      privateKeyJwk,
      clientSecret,
      redirectUri: r.url('OIDC_REDIRECT_URI', `${publicUrl}/auth/oidc/callback`) ?? '',
      acrValues: r.str('OIDC_ACR_VALUES', 'http://idmanagement.gov/ns/assurance/aal/2'),
      scopes: r.str('OIDC_SCOPES', 'openid email'),
      providerName: r.str('OIDC_PROVIDER_NAME', 'Login.gov'),
    };
  }

  const scanUrl = r.optional('EVIDENCE_SCAN_URL');
  let evidenceScan: AppConfig['evidenceScan'];
  if (scanUrl) {
    const parsed = /^tcp:\/\/([^:/\s]+|\[[0-9a-fA-F:]+\]):(\d{1,5})\/?$/.exec(scanUrl);
    const port = Number(parsed?.[2]);
    if (!parsed || port < 1 || port > 65535) {
      r.problems.push(`EVIDENCE_SCAN_URL must name a clamd as tcp://host:port, such as tcp://clamav:3310 (got "${scanUrl}")`);
    } else {
      const host = (parsed[1] as string).replace(/^\[|\]$/g, '');
      evidenceScan = { host, port, timeoutMs: r.int('EVIDENCE_SCAN_TIMEOUT_SECONDS', 30, 1, 300) * 1000 };
    }
  }

  const config: AppConfig = {
    nodeEnv,
    isProduction,
    host: r.str('HOST', '0.0.0.0'),
    port,
    publicUrl,
    databaseUrl,
    databasePoolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 200),
    apiWorkers: r.int('API_WORKERS', 1, 1, 64),
    databaseSsl: r.bool('DATABASE_SSL', false),
    databasePreparedStatements: r.bool('DATABASE_PREPARED_STATEMENTS', true),
    dataDir: r.str('DATA_DIR', './.data'),
    seedOnStart: r.oneOf('SEED_ON_START', ['auto', 'always', 'never'] as const, 'auto'),
    demoSignIn,
    sessionIdleTimeoutSeconds: r.int('SESSION_IDLE_TIMEOUT_SECONDS', 900, 60, 86_400),
    sessionAbsoluteTimeoutSeconds: r.int('SESSION_ABSOLUTE_TIMEOUT_SECONDS', 43_200, 300, 604_800),
    cookieSecure: r.bool('COOKIE_SECURE', isProduction),
    trustProxy,
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    webDistDir: r.str('WEB_DIST_DIR', 'dist/apps/web/browser'),
    graphqlMaxDepth: r.int('GRAPHQL_MAX_DEPTH', 8, 2, 50),
    graphqlMaxComplexity: r.int('GRAPHQL_MAX_COMPLEXITY', 1000, 10, 100_000),
    graphqlMaxAliases: r.int('GRAPHQL_MAX_ALIASES', 15, 1, 500),
    graphqlExecution: r.oneOf('GRAPHQL_EXECUTION', ['compiled', 'standard'] as const, 'compiled'),
    signInRateLimitPerMinute: r.int('SIGN_IN_RATE_LIMIT_PER_MINUTE', 10, 1, 10_000),
    evidenceScan,
    auditSealIntervalSeconds: r.int('AUDIT_SEAL_INTERVAL_SECONDS', 60, 0, 3600),
    oidc,
  };
  if (config.apiWorkers > 1 && !config.databaseUrl) {
    r.problems.push('API_WORKERS above 1 needs DATABASE_URL: the embedded database belongs to one process');
  }
  if (config.sessionAbsoluteTimeoutSeconds < config.sessionIdleTimeoutSeconds) {
    r.problems.push('SESSION_ABSOLUTE_TIMEOUT_SECONDS must be at least SESSION_IDLE_TIMEOUT_SECONDS');
  }
  if (r.problems.length > 0) throw new ConfigValidationError(r.problems);
  return config;
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
