import { webcrypto } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@cx/api-audit';
import { APP_CONFIG, type AppConfig, type OidcConfig } from '@cx/api-shared-config';
import { type RequestMeta, UnauthenticatedError } from '@cx/api-shared-graphql';
import { AuditOutcome } from '@cx/shared-domain';
import { DataSource, LessThan } from 'typeorm';

import { AuthService, type StartedSession } from './auth.service';
import { OidcLoginAttemptEntity } from './entities/oidc-login-attempt.entity';
import { UserEntity } from './entities/user.entity';

type OpenIdClient = typeof import('openid-client');
type Configuration = import('openid-client').Configuration;

const ATTEMPT_TTL_MS = 10 * 60 * 1000;

// openid-client is an ES module; a real dynamic import (not one compiled to require) loads it from CommonJS.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
const loadOpenIdClient = (): Promise<OpenIdClient> => importEsm('openid-client') as Promise<OpenIdClient>;

/** Login.gov signs client assertions with RS256; the key's own `alg`/`kid` win when present. */
async function importSigningKey(jwkText: string): Promise<{ key: webcrypto.CryptoKey; kid?: string }> {
  const jwk = JSON.parse(jwkText) as webcrypto.JsonWebKey & { kid?: string };
  const alg = jwk.alg ?? 'RS256';
  const algorithm = alg.startsWith('ES')
    ? { name: 'ECDSA', namedCurve: jwk.crv ?? 'P-256' }
    : alg.startsWith('PS')
      ? { name: 'RSA-PSS', hash: `SHA-${alg.slice(2)}` }
      : { name: 'RSASSA-PKCS1-v1_5', hash: `SHA-${alg.slice(2)}` };
  const key = await webcrypto.subtle.importKey('jwk', jwk, algorithm, false, ['sign']);
  return { key, kid: jwk.kid };
}

/** Only same-site paths are allowed as a return address, never another host. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && value.length <= 500 ? value : '/';
}

/**
 * OpenID Connect authorization code flow with PKCE, state and nonce (Login.gov
 * profile: private_key_jwt client authentication and an AAL acr_values).
 * Users are provisioned by OMB administrators; an identity that matches no
 * active user is refused.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private configuration?: Promise<{ client: OpenIdClient; config: Configuration }>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
  ) {}

  get enabled(): boolean {
    return Boolean(this.appConfig.oidc);
  }

  private settings(): OidcConfig {
    if (!this.appConfig.oidc) throw new UnauthenticatedError('Sign-in with an identity provider is not set up on this server.');
    return this.appConfig.oidc;
  }

  private discover(): Promise<{ client: OpenIdClient; config: Configuration }> {
    this.configuration ??= (async () => {
      const s = this.settings();
      const client = await loadOpenIdClient();
      const clientAuth = s.privateKeyJwk
        ? client.PrivateKeyJwt(await importSigningKey(s.privateKeyJwk))
        : client.ClientSecretPost(s.clientSecret);
      const issuer = new URL(s.issuer);
      // Plain HTTP is accepted only for a provider on this machine (local development and tests).
      const loopback = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
      const config = await client.discovery(
        issuer,
        s.clientId,
        undefined,
        clientAuth,
        loopback ? { execute: [client.allowInsecureRequests] } : undefined,
      );
      return { client, config };
    })().catch((err: unknown) => {
      this.configuration = undefined;
      throw err;
    });
    return this.configuration;
  }

  /** Stores the PKCE verifier, state and nonce, and returns the provider URL to redirect to. */
  async startLogin(returnTo: string): Promise<string> {
    const s = this.settings();
    const { client, config } = await this.discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.dataSource.getRepository(OidcLoginAttemptEntity).delete({ expiresAt: LessThan(new Date()) });
    await this.dataSource.getRepository(OidcLoginAttemptEntity).insert({
      state,
      nonce,
      codeVerifier,
      returnTo: safeReturnTo(returnTo),
      expiresAt: new Date(Date.now() + ATTEMPT_TTL_MS),
    });
    return client
      .buildAuthorizationUrl(config, {
        redirect_uri: s.redirectUri,
        scope: s.scopes,
        acr_values: s.acrValues,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        prompt: 'select_account',
      })
      .toString();
  }

  /** Completes the flow from the callback URL; returns the new session and where to send the user. */
  async finishLogin(callbackUrl: URL, meta: RequestMeta): Promise<StartedSession & { returnTo: string }> {
    await this.auth.assertNotRateLimited(meta, 'oidc');
    const state = callbackUrl.searchParams.get('state') ?? '';
    const attempts = this.dataSource.getRepository(OidcLoginAttemptEntity);
    const attempt = await attempts.findOneBy({ state });
    if (!attempt || attempt.expiresAt < new Date()) {
      await this.audit.recordAlone({
        meta,
        action: 'auth.sign_in',
        outcome: AuditOutcome.FAILURE,
        message: 'method=oidc; unknown or expired state',
      });
      throw new UnauthenticatedError('Your sign-in took too long or was already used. Start again.');
    }
    await attempts.delete({ id: attempt.id });
    const { client, config } = await this.discover();
    let subject: string;
    let email: string | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('No ID token');
      subject = claims.sub;
      email = typeof claims['email'] === 'string' ? claims['email'].toLowerCase() : undefined;
    } catch (err) {
      this.logger.warn(`OIDC code exchange failed: ${(err as Error).message}`);
      await this.audit.recordAlone({
        meta,
        action: 'auth.sign_in',
        outcome: AuditOutcome.FAILURE,
        message: 'method=oidc; code exchange failed',
      });
      throw new UnauthenticatedError('We could not confirm your identity with the sign-in service. Try again.');
    }
    const users = this.dataSource.getRepository(UserEntity);
    let user = await users.findOneBy({ oidcSubject: subject, isActive: true });
    if (!user && email) {
      // First sign-in: link the provider's subject to the account OMB provisioned for this e-mail address.
      user = await users.findOneBy({ email, isActive: true, isDemo: false });
      if (user && !user.oidcSubject) {
        await users.update({ id: user.id }, { oidcSubject: subject });
        user.oidcSubject = subject;
      } else if (user?.oidcSubject && user.oidcSubject !== subject) {
        user = null;
      }
    }
    if (!user) {
      await this.audit.recordAlone({
        meta,
        action: 'auth.sign_in',
        outcome: AuditOutcome.DENIED,
        message: 'method=oidc; no provisioned account',
        subjectType: 'OidcSubject',
        subjectId: subject.slice(0, 100),
      });
      throw new UnauthenticatedError('You do not have an account here yet. Ask your agency’s CX lead or OMB to add you.');
    }
    const started = await this.auth.startSession(user, 'oidc', meta);
    return { ...started, returnTo: attempt.returnTo };
  }
}
