export * from './lib/actor';
export * from './lib/decorators';
export * from './lib/domain-error';
export * from './lib/error-formatter';
export * from './lib/json.scalar';
export * from './lib/query-limits.plugin';
export * from './lib/request-context';
export * from './lib/validation';
