import { prepared, preparedName } from '@cx/api-shared-database';

import { createDatabase } from '@cx/api-app';
import { createTestDatabase, ENGINES } from './support/test-app';

const MARKED = prepared('SELECT $1::int + 1 AS n');
const PLAIN = 'SELECT $1::int + 2 AS n';

describe.each(ENGINES)('prepared statements on %s', (engine) => {
  /** Runs both statements on a one-connection pool; returns their answers and the session's prepared statements. */
  async function run(preparedStatements: boolean): Promise<{ answers: number[]; names: string[] }> {
    const db = await createTestDatabase(engine);
    const opened = await createDatabase({
      databaseUrl: db.url,
      dataDir: 'memory://',
      databasePoolSize: 1,
      databaseSsl: false,
      databasePreparedStatements: preparedStatements,
    });
    try {
      await opened.dataSource.initialize();
      const answers: number[] = [];
      for (const sql of [MARKED, MARKED, PLAIN]) answers.push(((await opened.dataSource.query(sql, [40]))[0] as { n: number }).n);
      const names = ((await opened.dataSource.query('SELECT name FROM pg_prepared_statements')) as Array<{ name: string }>).map(
        (r) => r.name,
      );
      return { answers, names };
    } finally {
      await opened.close();
      await db.drop();
    }
  }

  it('should run a marked statement as a named prepared statement on PostgreSQL, and only a marked one', async () => {
    const { answers, names } = await run(true);
    expect(answers).toEqual([41, 41, 42]);
    if (engine === 'postgres') expect(names).toEqual([preparedName(MARKED)]);
    else expect(names).toEqual([]);
  });

  it('should prepare nothing when DATABASE_PREPARED_STATEMENTS is off', async () => {
    const { answers, names } = await run(false);
    expect(answers).toEqual([41, 41, 42]);
    expect(names).toEqual([]);
  });
});
