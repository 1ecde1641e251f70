import { ErrorCode } from '@cx/shared-domain';
import { GraphQLError } from 'graphql';

import { ConflictError } from './domain-error';
import { DATABASE_BUSY_MESSAGE, DATABASE_UNAVAILABLE_MESSAGE, databaseUnavailability, formatGraphQLError } from './error-formatter';

/** An error as node-postgres reports a message from the server. */
const pgError = (message: string, fields: { code: string; severity: string }) => Object.assign(new Error(message), fields);
/** As GraphQL hands a resolver's error to formatError. */
const fromResolver = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['assessment'] });

describe(databaseUnavailability.name, () => {
  it.each([
    [
      'the database refusing connections (FATAL)',
      pgError('database "cx" is not currently accepting connections', { code: '55000', severity: 'FATAL' }),
    ],
    [
      'an administrator ending the session',
      pgError('terminating connection due to administrator command', { code: '57P01', severity: 'FATAL' }),
    ],
    ['a connection failure (class 08)', pgError('connection failure', { code: '08006', severity: 'ERROR' })],
    ['too many connections', pgError('sorry, too many clients already', { code: '53300', severity: 'ERROR' })],
    ['nothing listening', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['the socket cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a client whose connection failed', new Error('Client has encountered a connection error and is not queryable')],
    [
      'TypeORM wrapping any of these',
      Object.assign(new Error('query failed'), { driverError: pgError('x', { code: '57P03', severity: 'FATAL' }) }),
    ],
  ])('should say unreachable for %s', (_what, error) => {
    expect(databaseUnavailability(error)).toBe('unreachable');
  });

  it.each([
    ['the pool waiting in vain for a free connection', new Error('timeout exceeded when trying to connect')],
    [
      'TypeORM wrapping it',
      Object.assign(new Error('query failed'), { driverError: new Error('timeout exceeded when trying to connect') }),
    ],
  ])('should say busy for %s', (_what, error) => {
    expect(databaseUnavailability(error)).toBe('busy');
  });

  it.each([
    ['a constraint violation', pgError('duplicate key value violates unique constraint', { code: '23505', severity: 'ERROR' })],
    ['a bug in a statement', pgError('column "x" does not exist', { code: '42703', severity: 'ERROR' })],
    [
      'a statement sent with the wrong parameters (08P01)',
      pgError('bind message supplies 2 parameters', { code: '08P01', severity: 'ERROR' }),
    ],
    [
      'another service down, as the cause',
      Object.assign(new Error('scan failed'), { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
    ],
    ['an ordinary exception', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('should say nothing for %s', (_what, error) => {
    expect(databaseUnavailability(error)).toBeUndefined();
  });
});

describe(formatGraphQLError.name, () => {
  it('should answer SERVICE_UNAVAILABLE in plain words, without internals, when the database cannot be reached', () => {
    const cut = pgError('terminating connection due to administrator command', { code: '57P01', severity: 'FATAL' });
    const seen: unknown[] = [];
    const formatted = formatGraphQLError({ message: cut.message, path: ['assessment'] }, fromResolver(cut), {
      onUnexpected: (e) => seen.push(e),
    });
    expect(formatted).toEqual({
      message: DATABASE_UNAVAILABLE_MESSAGE,
      path: ['assessment'],
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    });
    // Still logged for the operators.
    expect(seen).toEqual([cut]);
  });

  it('should say the service is busy, not unreachable, when every connection stayed in use', () => {
    const waited = new Error('timeout exceeded when trying to connect');
    const formatted = formatGraphQLError({ message: waited.message, path: ['assessment'] }, fromResolver(waited));
    expect(formatted).toEqual({
      message: DATABASE_BUSY_MESSAGE,
      path: ['assessment'],
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    });
  });

  it('should keep any other unexpected error generic, with the request id to quote', () => {
    const bug = pgError('column "x" does not exist', { code: '42703', severity: 'ERROR' });
    const formatted = formatGraphQLError({ message: bug.message }, fromResolver(bug), { requestIdOf: () => 'req-1' });
    expect(formatted.extensions).toEqual({ code: ErrorCode.INTERNAL_SERVER_ERROR, requestId: 'req-1' });
    expect(formatted.message).not.toContain('column');
  });

  it('should leave domain errors as they are', () => {
    const conflict = new ConflictError('Alicia changed this answer.', { currentVersion: 3 });
    expect(formatGraphQLError({ message: conflict.message }, fromResolver(conflict)).extensions).toEqual({
      code: ErrorCode.CONFLICT,
      currentVersion: 3,
    });
  });
});
