import { createHash } from 'node:crypto';

import { Client } from 'pg';

const names = new Map<string, string>();

/**
 * Marks the text of a hot statement to run as a named prepared statement on PostgreSQL, so that each connection
 * parses and plans it once rather than on every call (planning the one-statement autosave costs more than running
 * it). Returns the text unchanged, for use as a module constant. The name is derived from the text, so it is the
 * same in every process and can never stand for two texts.
 */
export function prepared(sql: string): string {
  if (!names.has(sql)) names.set(sql, `cx_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`);
  return sql;
}

/** The prepared statement's name for this text, if it was marked with `prepared`. */
export function preparedName(sql: string): string | undefined {
  return names.get(sql);
}

/**
 * A `pg` client that runs the texts marked with `prepared` as named statements; TypeORM still sends, logs and
 * counts every statement as before. Given to the pool as its `Client` (DATABASE_PREPARED_STATEMENTS); PGlite
 * needs nothing of the kind, as it has one session in the same process.
 */
export class PreparingClient extends Client {}

// Assigned rather than overridden in the class: one untyped function stands for all of pg's `query` overloads.
PreparingClient.prototype.query = function query(this: Client, ...args: unknown[]): unknown {
  const [text, values] = args;
  const name = typeof text === 'string' && args.length <= 2 ? names.get(text) : undefined;
  const plain = Client.prototype.query as (...a: unknown[]) => unknown;
  return name ? plain.call(this, { name, text, values }) : plain.apply(this, args);
} as Client['query'];
