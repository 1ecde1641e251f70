export * from './lib/async-mutex';
export * from './lib/data-source-options';
export * from './lib/embedded-database';
export * from './lib/migration-runner';
export * from './lib/pglite-driver';
export * from './lib/statement-counter';
export * from './lib/query-rows';
export * from './lib/prepared-statements';
