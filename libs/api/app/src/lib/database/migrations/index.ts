import { CreateFoundation1795462209333 } from './1795462209333-CreateFoundation';

/** Every migration, in order. Committed migrations are never edited: add a new one. */
export const MIGRATIONS = [CreateFoundation1795462209333];
