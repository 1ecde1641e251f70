export * from './lib/auth-guards';
export * from './lib/idle-timer';
export * from './lib/session-store';
