import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '@cx/api-audit';

import { AuthService } from './auth.service';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { OrganizationResolver } from './organization.resolver';
import { OrganizationService } from './organization.service';
import { SessionGuard } from './session.guard';
import { SessionService } from './session.service';
import { ViewerResolver } from './viewer.resolver';
import { ViewerService } from './viewer.service';

@Module({
  imports: [AuditModule],
  controllers: [OidcController],
  providers: [
    SessionService,
    AuthService,
    ViewerService,
    ViewerResolver,
    OrganizationService,
    OrganizationResolver,
    OidcService,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [SessionService, OrganizationService],
})
export class IdentityModule {}
