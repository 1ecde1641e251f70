export * from './lib/assessment.routes';
