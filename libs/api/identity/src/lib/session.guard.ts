import { timingSafeEqual } from 'node:crypto';

import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuditService } from '@cx/api-audit';
import { APP_CONFIG, type AppConfig } from '@cx/api-shared-config';
import {
  ForbiddenError,
  hasAnyRole,
  IS_PUBLIC_KEY,
  PASSIVE_KEY,
  requestFromContext,
  requestMeta,
  ROLES_KEY,
  UnauthenticatedError,
} from '@cx/api-shared-graphql';
import { AuditOutcome, type Role } from '@cx/shared-domain';

import { sessionCookieName } from './session-cookie';
import { SessionService } from './session.service';

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Global guard: every operation needs a live session and one of the roles it
 * declares with @Roles, unless marked @Public. An operation that declares
 * neither is refused (fail closed). Mutations must also carry the session's
 * CSRF token in the x-csrf-token header.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = requestFromContext(context);
    const cookies = (req as { cookies?: Record<string, string> }).cookies;
    const token = cookies?.[sessionCookieName(this.config.cookieSecure)];
    if (token) req.sessionToken = token;

    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const operation = this.operationName(context);
    // Changes need the CSRF token: GraphQL mutations, and any HTTP request that is not a read.
    const isMutation =
      context.getType<string>() === 'graphql'
        ? GqlExecutionContext.create(context).getInfo<{ operation: { operation: string } }>().operation.operation === 'mutation'
        : !['GET', 'HEAD', 'OPTIONS'].includes(req.method);

    const passive = this.reflector.get<boolean | undefined>(PASSIVE_KEY, context.getHandler()) === true;
    const session = token ? await this.sessions.resolve(token, { touch: !passive }) : null;
    if (!session) {
      if (isMutation)
        await this.audit.recordAlone({ meta: requestMeta(req), action: operation, outcome: AuditOutcome.DENIED, message: 'Not signed in' });
      throw new UnauthenticatedError();
    }
    const actor = session.actor;
    req.actor = actor;

    if (isMutation && !sameToken(req.headers['x-csrf-token'] as string | undefined, session.csrfToken)) {
      await this.audit.recordAlone({
        actor,
        meta: requestMeta(req),
        action: operation,
        outcome: AuditOutcome.DENIED,
        message: 'Missing or wrong CSRF token',
      });
      throw new ForbiddenError(operation, undefined, undefined, 'This page is out of date. Reload the page and try again.');
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || !hasAnyRole(actor, roles)) {
      await this.audit.recordAlone({
        actor,
        meta: requestMeta(req),
        action: operation,
        outcome: AuditOutcome.DENIED,
        message: roles ? 'Role not allowed' : 'Operation declares no roles',
      });
      throw new ForbiddenError(operation);
    }
    return true;
  }

  private operationName(context: ExecutionContext): string {
    if (context.getType<string>() === 'graphql')
      return `graphql.${GqlExecutionContext.create(context).getInfo<{ fieldName: string }>().fieldName}`;
    return `http.${context.getClass().name}.${context.getHandler().name}`;
  }
}
