import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from '@cx/shared-domain';

import type { Actor } from './actor';
import { UnauthenticatedError } from './domain-error';
import type { RequestWithActor } from './request-context';

export const IS_PUBLIC_KEY = 'cx:isPublic';
export const ROLES_KEY = 'cx:roles';
export const PASSIVE_KEY = 'cx:passive';

/** Marks an operation that needs no session (sign-in, health). Everything else requires one. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * A request the page makes by itself (a heartbeat), not something the person did: it does not keep an
 * idle session alive, so a page left open still times out (NIST SP 800-63B reauthentication).
 */
export const Passive = (): MethodDecorator => SetMetadata(PASSIVE_KEY, true);

/** The operation is open to holders of any of these roles (data scope is still checked in the service). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

export function requestFromContext(context: ExecutionContext): RequestWithActor {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: RequestWithActor }>().req;
  }
  return context.switchToHttp().getRequest<RequestWithActor>();
}

/** The signed-in actor; the global guard has already refused requests without one. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestFromContext(context).actor;
  if (!actor) throw new UnauthenticatedError();
  return actor;
});

/** The signed-in actor, or null on public operations. */
export const OptionalActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor | null => {
  return requestFromContext(context).actor ?? null;
});

export const CurrentRequest = createParamDecorator((_data: unknown, context: ExecutionContext): RequestWithActor => {
  return requestFromContext(context);
});
