import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { PGlite } from '@electric-sql/pglite';

// Match node-postgres' defaults so code behaves the same on both engines.
const INT8 = 20;
const DATE = 1082;

export class EmbeddedDatabaseLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is already in use by process ${pid}. ` +
        'Only one API process can use an embedded database; stop the other one, or set DATABASE_URL to use PostgreSQL.',
    );
  }
}

export interface EmbeddedDatabase {
  db: PGlite;
  dir: string;
  close(): Promise<void>;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens (creating if needed) a PGlite database persisted under `dataDir`, or in
 * memory when `dataDir` is `memory://`. A pid file stops a second process from
 * opening the same files, which PGlite does not guard against.
 */
export async function openEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const options = { parsers: { [INT8]: (v: string) => v, [DATE]: (v: string) => v } };
  if (dataDir === 'memory://') {
    const db = await PGlite.create(options);
    return { db, dir: dataDir, close: () => db.close() };
  }
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lockFile = join(dir, 'api.pid');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (Number.isInteger(pid) && pid !== process.pid && processIsAlive(pid)) {
      throw new EmbeddedDatabaseLockedError(dir, pid);
    }
  }
  writeFileSync(lockFile, String(process.pid));
  const db = await PGlite.create({ ...options, dataDir: join(dir, 'pgdata') });
  return {
    db,
    dir,
    close: async () => {
      await db.close();
      rmSync(lockFile, { force: true });
    },
  };
}
