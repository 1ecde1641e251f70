export * from './lib/graphql-client';
export * from './lib/generated/graphql';
