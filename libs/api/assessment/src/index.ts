export * from './lib/assessment.module';
export * from './lib/entities/assessment.entity';
export * from './lib/entities/criterion-response.entity';
export * from './lib/entities/cycle.entity';
export * from './lib/entities/domain-target.entity';
export * from './lib/entities/evidence.entity';
export * from './lib/entities/framework-version.entity';
export { createMissingAssessments } from './lib/cycle.service';
export { importFrameworkVersion } from './lib/framework-import';
