export * from './lib/assessment.module';
export * from './lib/entities/cycle.entity';
