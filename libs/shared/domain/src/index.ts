export * from './lib/audit-outcome';
export * from './lib/cycle-status';
export * from './lib/error-code';
export * from './lib/organization-kind';
export * from './lib/role';
