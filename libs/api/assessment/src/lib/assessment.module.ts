import { Module } from '@nestjs/common';

import { CycleResolver } from './cycle.resolver';
import { CycleService } from './cycle.service';

@Module({ providers: [CycleService, CycleResolver], exports: [CycleService] })
export class AssessmentModule {}
