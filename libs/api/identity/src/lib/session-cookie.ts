import type { CookieSerializeOptions } from '@fastify/cookie';

/** `__Host-` pins the cookie to this host and path when it is Secure (production behind TLS). */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-cx_session' : 'cx_session';
}

export function sessionCookieOptions(secure: boolean, maxAgeSeconds: number): CookieSerializeOptions {
  // Lax, not Strict: the OIDC provider redirects back with a top-level GET that must carry the cookie.
  // maxAge is in seconds here (the cookie's Max-Age), not milliseconds as Express took it.
  return { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: maxAgeSeconds };
}
