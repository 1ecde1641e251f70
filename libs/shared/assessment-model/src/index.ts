export * from './lib/framework';
export * from './lib/framework-schema';
export * from './lib/gap-list';
export * from './lib/problem-path';
export * from './lib/scoring';
export * from './lib/shipped-frameworks';
export * from './lib/validate-framework';
