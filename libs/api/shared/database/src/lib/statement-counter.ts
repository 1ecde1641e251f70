import type { Logger, QueryRunner } from 'typeorm';

/**
 * A TypeORM logger that counts SQL statements, so tests can assert that an
 * operation costs a constant number of queries whatever the size of the data.
 */
export class StatementCounter implements Logger {
  private statements: string[] = [];
  private withParameters: Array<{ query: string; parameters: unknown[] }> = [];
  /** Off, statements are neither counted nor kept (the benchmark records one request, then serves thousands). */
  recording = true;

  get count(): number {
    return this.statements.length;
  }

  get queries(): readonly string[] {
    return this.statements;
  }

  /** Statements with their parameters, to replay them (the raw-SQL baseline of the benchmark). */
  get recorded(): ReadonlyArray<{ query: string; parameters: unknown[] }> {
    return this.withParameters;
  }

  reset(): void {
    this.statements = [];
    this.withParameters = [];
  }

  logQuery(query: string, parameters?: unknown[], _queryRunner?: QueryRunner): void {
    if (!this.recording) return;
    this.statements.push(query);
    this.withParameters.push({ query, parameters: parameters ?? [] });
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
