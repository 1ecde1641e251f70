import { Module } from '@nestjs/common';
import { AuditModule } from '@cx/api-audit';

import { AssessmentResolver } from './assessment.resolver';
import { AssessmentService } from './assessment.service';
import { CycleResolver } from './cycle.resolver';
import { CycleService } from './cycle.service';
import { FrameworkResolver } from './framework.resolver';
import { FrameworkService } from './framework.service';

@Module({
  imports: [AuditModule],
  providers: [CycleService, CycleResolver, FrameworkService, FrameworkResolver, AssessmentService, AssessmentResolver],
  exports: [CycleService, FrameworkService, AssessmentService],
})
export class AssessmentModule {}
