import { Module } from '@nestjs/common';

import { AuditSealService } from './audit-seal.service';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

@Module({ providers: [AuditService, AuditSealService, AuditResolver], exports: [AuditService, AuditSealService] })
export class AuditModule {}
