export * from './lib/audit-log.routes';
export { AuditLogPage } from './lib/audit-log-page';
