import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import type { Role } from '@cx/shared-domain';
import { SessionStore, safeReturnUrl } from './session-store';

/** Sends people who are not signed in to /sign-in, remembering where they were going. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  if (await session.ensureSignedIn()) return true;
  return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};

/** Lets through only people who hold one of the roles; others see the access-denied page. */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return async () => {
    const session = inject(SessionStore);
    const router = inject(Router);
    if (!(await session.ensureSignedIn())) return router.createUrlTree(['/sign-in']);
    return session.hasRole(...roles) ? true : router.createUrlTree(['/access-denied']);
  };
}

/** Someone already signed in who opens /sign-in goes straight on to where they wanted to be. */
export const signedOutGuard: CanActivateFn = async (route) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  if (!(await session.ensureSignedIn())) return true;
  return router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')));
};
