import { createHash, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * A small but honest OpenID Connect provider for tests: discovery, JWKS, an
 * authorize endpoint that signs in a preset user, and a token endpoint that checks
 * the PKCE verifier and the private_key_jwt client assertion, then returns an
 * RS256 ID token with the nonce. Login.gov behaves the same way on these points.
 */
export interface FakeOidcProvider {
  issuer: string;
  clientId: string;
  /** Private JWK the app uses for private_key_jwt (OIDC_PRIVATE_KEY_JWK). */
  clientPrivateJwk: string;
  /** Who the next authorization signs in as. */
  user: { sub: string; email: string };
  /** acr_values and other parameters of the last authorization request. */
  lastAuthorize?: URLSearchParams;
  close(): Promise<void>;
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

function jwt(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(payload));
  return `${head}.${body}.${b64url(sign('sha256', Buffer.from(`${head}.${body}`), key))}`;
}

function verifyJwt(token: string, key: KeyObject): Record<string, unknown> | null {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return null;
  return verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))
    ? (JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>)
    : null;
}

const body = (req: IncomingMessage): Promise<URLSearchParams> =>
  new Promise((resolve) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => resolve(new URLSearchParams(data)));
  });

export async function startFakeOidcProvider(): Promise<FakeOidcProvider> {
  const provider = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const client = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientId = 'urn:gov:gsa:openidconnect.profiles:sp:sso:omb:cx-capacity-test';
  const codes = new Map<string, { challenge: string; nonce: string; redirectUri: string; sub: string; email: string }>();
  const state: FakeOidcProvider = {
    issuer: '',
    clientId,
    clientPrivateJwk: JSON.stringify({ ...client.privateKey.export({ format: 'jwk' }), alg: 'RS256', kid: 'client-1' }),
    user: { sub: 'login-gov-subject-1', email: 'someone@agency.example' },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', state.issuer);
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(200, {
          issuer: state.issuer,
          authorization_endpoint: `${state.issuer}/authorize`,
          token_endpoint: `${state.issuer}/token`,
          jwks_uri: `${state.issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
          code_challenge_methods_supported: ['S256'],
        });
      }
      if (url.pathname === '/jwks')
        return json(200, { keys: [{ ...provider.publicKey.export({ format: 'jwk' }), kid: 'p1', alg: 'RS256', use: 'sig' }] });
      if (url.pathname === '/authorize') {
        state.lastAuthorize = url.searchParams;
        const q = url.searchParams;
        if (q.get('client_id') !== clientId || q.get('code_challenge_method') !== 'S256') return json(400, { error: 'invalid_request' });
        const code = randomBytes(16).toString('hex');
        codes.set(code, {
          challenge: q.get('code_challenge') ?? '',
          nonce: q.get('nonce') ?? '',
          redirectUri: q.get('redirect_uri') ?? '',
          ...state.user,
        });
        const back = new URL(q.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', q.get('state') ?? '');
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const form = await body(req);
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const assertion = verifyJwt(form.get('client_assertion') ?? '', client.publicKey);
        const pkceOk =
          grant &&
          createHash('sha256')
            .update(form.get('code_verifier') ?? '')
            .digest('base64url') === grant.challenge;
        if (!grant || !pkceOk || !assertion || assertion['iss'] !== clientId || assertion['sub'] !== clientId)
          return json(400, { error: 'invalid_grant' });
        const now = Math.floor(Date.now() / 1000);
        return json(200, {
          access_token: randomBytes(16).toString('hex'),
          token_type: 'Bearer',
          expires_in: 900,
          id_token: jwt(
            {
              iss: state.issuer,
              sub: grant.sub,
              aud: clientId,
              iat: now,
              exp: now + 300,
              nonce: grant.nonce,
              email: grant.email,
              email_verified: true,
            },
            provider.privateKey,
            'p1',
          ),
        });
      }
      json(404, { error: 'not_found' });
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return state;
}
