/** Anything with TypeORM's raw `query` (a DataSource or an EntityManager). */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * The rows of a raw statement, whatever its kind. TypeORM's `query` returns the rows for SELECT and
 * INSERT but `[rows, rowCount]` for UPDATE and DELETE, so `UPDATE … RETURNING` read as rows silently
 * yields an array in place of the first row.
 */
export async function queryRows<T>(target: Queryable, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result = await target.query(sql, parameters);
  if (!Array.isArray(result)) return [];
  // Rows are objects, so an array whose first item is itself an array can only be the UPDATE/DELETE pair.
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
