import type { Logger, QueryRunner } from 'typeorm';

/**
 * A TypeORM logger that counts SQL statements, so tests can assert that an
 * operation costs a constant number of queries whatever the size of the data.
 */
export class StatementCounter implements Logger {
  private statements: string[] = [];

  get count(): number {
    return this.statements.length;
  }

  get queries(): readonly string[] {
    return this.statements;
  }

  reset(): void {
    this.statements = [];
  }

  logQuery(query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.statements.push(query);
  }
  logQueryError(): void {
    /* counted in logQuery already */
  }
  logQuerySlow(): void {
    /* not counted */
  }
  logSchemaBuild(): void {
    /* not counted */
  }
  logMigration(): void {
    /* not counted */
  }
  log(): void {
    /* not counted */
  }
}
