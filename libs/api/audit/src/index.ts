export * from './lib/audit.module';
export * from './lib/audit-seal.service';
export * from './lib/audit.service';
export * from './lib/entities/audit-event.entity';
export * from './lib/entities/audit-seal.entity';
