export * from './lib/entities/oidc-login-attempt.entity';
export * from './lib/entities/organization.entity';
export * from './lib/entities/role-assignment.entity';
export * from './lib/entities/session.entity';
export * from './lib/entities/user.entity';
export * from './lib/identity.module';
export * from './lib/session-cookie';
export * from './lib/session.service';
