import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@cx/api-shared-config';
import { DomainError, Public, requestMeta, type RequestWithActor } from '@cx/api-shared-graphql';
import type { FastifyReply } from 'fastify';

import { OidcService, safeReturnTo } from './oidc.service';
import { sessionCookieName, sessionCookieOptions } from './session-cookie';

@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  @Public()
  async login(@Query('returnTo') returnTo: string | undefined, @Res() res: FastifyReply): Promise<void> {
    if (!this.oidc.enabled) {
      res.redirect('/sign-in?error=oidc_unavailable', 303);
      return;
    }
    res.redirect(await this.oidc.startLogin(safeReturnTo(returnTo)), 303);
  }

  @Get('callback')
  @Public()
  async callback(@Req() req: RequestWithActor, @Res() res: FastifyReply): Promise<void> {
    try {
      const url = new URL(req.url, this.config.publicUrl);
      const { token, returnTo } = await this.oidc.finishLogin(url, requestMeta(req));
      res.setCookie(
        sessionCookieName(this.config.cookieSecure),
        token,
        sessionCookieOptions(this.config.cookieSecure, this.config.sessionAbsoluteTimeoutSeconds),
      );
      res.redirect(returnTo, 303);
    } catch (err) {
      const message = err instanceof DomainError ? err.message : 'Sign-in failed. Try again.';
      res.redirect(`/sign-in?error=${encodeURIComponent(message)}`, 303);
    }
  }
}
