import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, type AppConfig } from '@cx/api-shared-config';
import { type Actor, CurrentActor, type GraphQLContext, Public, requestMeta, Roles, UnauthenticatedError } from '@cx/api-shared-graphql';
import { AGENCY_ROLES, OMB_ROLES } from '@cx/shared-domain';

import { AuthService } from './auth.service';
import { SignInDemoInput } from './dto/sign-in-demo.input';
import { AuthOptionsModel, DemoUserModel, ViewerModel } from './models/viewer.model';
import { sessionCookieName, sessionCookieOptions } from './session-cookie';
import { SessionService } from './session.service';
import { ViewerService } from './viewer.service';

const ANY_ROLE = [...AGENCY_ROLES, ...OMB_ROLES];

@Resolver(() => ViewerModel)
export class ViewerResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly viewers: ViewerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The signed-in user, or null: the web app asks this first to decide where to go. */
  @Query(() => ViewerModel, { nullable: true })
  @Public()
  async viewer(@Context() ctx: GraphQLContext): Promise<ViewerModel | null> {
    const token = ctx.req.sessionToken;
    const session = token ? await this.sessions.resolve(token) : null;
    return session ? this.viewers.toViewer(session) : null;
  }

  @Query(() => AuthOptionsModel)
  @Public()
  authOptions(): AuthOptionsModel {
    return {
      demoSignInEnabled: this.config.demoSignIn,
      oidcEnabled: Boolean(this.config.oidc),
      oidcProviderName: this.config.oidc?.providerName ?? null,
      oidcLoginPath: this.config.oidc ? '/auth/oidc/login' : null,
    };
  }

  @Query(() => [DemoUserModel])
  @Public()
  demoUsers(): Promise<DemoUserModel[]> {
    return this.auth.demoUsers();
  }

  @Mutation(() => ViewerModel)
  @Public()
  async signInDemo(@Context() ctx: GraphQLContext, @Args('input') input: SignInDemoInput): Promise<ViewerModel> {
    const { token } = await this.auth.signInDemo(input.userId, requestMeta(ctx.req));
    ctx.res.setCookie(
      sessionCookieName(this.config.cookieSecure),
      token,
      sessionCookieOptions(this.config.cookieSecure, this.config.sessionAbsoluteTimeoutSeconds),
    );
    const session = await this.sessions.resolve(token);
    if (!session) throw new UnauthenticatedError();
    return this.viewers.toViewer(session);
  }

  @Mutation(() => Boolean)
  @Roles(...ANY_ROLE)
  async signOut(@Context() ctx: GraphQLContext, @CurrentActor() actor: Actor): Promise<boolean> {
    await this.auth.signOut(actor, requestMeta(ctx.req));
    // With the attributes it was set with: a browser ignores a __Host- cookie's removal that lacks Secure.
    ctx.res.clearCookie(sessionCookieName(this.config.cookieSecure), sessionCookieOptions(this.config.cookieSecure, 0));
    return true;
  }

  @Mutation(() => ViewerModel)
  @Roles(...ANY_ROLE)
  async extendSession(@Context() ctx: GraphQLContext, @CurrentActor() actor: Actor): Promise<ViewerModel> {
    await this.auth.extendSession(actor);
    const session = ctx.req.sessionToken ? await this.sessions.resolve(ctx.req.sessionToken) : null;
    if (!session) throw new UnauthenticatedError();
    return this.viewers.toViewer(session);
  }
}
