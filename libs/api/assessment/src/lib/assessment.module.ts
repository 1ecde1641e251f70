import { Module } from '@nestjs/common';
import { AuditModule } from '@cx/api-audit';

import { AssessmentHeaderCache } from './answer-write';
import { AssessmentResolver, SaveCriterionResponsePayloadResolver } from './assessment.resolver';
import { AssessmentService } from './assessment.service';
import { CycleResolver } from './cycle.resolver';
import { EvidenceController } from './evidence.controller';
import { CycleService } from './cycle.service';
import { FrameworkCache } from './framework-cache';
import { FrameworkResolver } from './framework.resolver';
import { FrameworkService } from './framework.service';
import { MalwareScanner } from './malware-scan';

@Module({
  imports: [AuditModule],
  controllers: [EvidenceController],
  providers: [
    FrameworkCache,
    AssessmentHeaderCache,
    MalwareScanner,
    CycleService,
    CycleResolver,
    FrameworkService,
    FrameworkResolver,
    AssessmentService,
    AssessmentResolver,
    SaveCriterionResponsePayloadResolver,
  ],
  exports: [CycleService, FrameworkService, AssessmentService],
})
export class AssessmentModule {}
