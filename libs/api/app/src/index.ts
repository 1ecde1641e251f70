export * from './lib/create-app';
export * from './lib/database/database-factory';
export * from './lib/database/migrations';
export * from './lib/database/seed';
export * from './lib/schema-file';
export { createRootLogger } from './lib/logging';
