export * from './lib/graphql-client';
export * from './lib/load-state';
export * from './lib/generated/graphql';
