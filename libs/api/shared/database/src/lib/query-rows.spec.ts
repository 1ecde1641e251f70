import { queryRows } from './query-rows';

const returning = (value: unknown) => ({ query: () => Promise.resolve(value) });

describe('queryRows', () => {
  it('returns the rows of SELECT and INSERT as they come', async () => {
    await expect(queryRows(returning([{ id: 'a' }, { id: 'b' }]), 'SELECT')).resolves.toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('unwraps the [rows, rowCount] pair TypeORM returns for UPDATE and DELETE', async () => {
    await expect(queryRows(returning([[{ id: 'a' }], 1]), 'UPDATE')).resolves.toEqual([{ id: 'a' }]);
    await expect(queryRows(returning([[], 0]), 'UPDATE')).resolves.toEqual([]);
  });

  it('treats a non-array result as no rows', async () => {
    await expect(queryRows(returning(undefined), 'SET x')).resolves.toEqual([]);
  });
});
