import { TestBed } from '@angular/core/testing';
import { GRAPHQL_FETCH } from '@cx/web-shared-data-access-graphql';

import { FrameworkTextCache } from './assessment-store';

const respond = (body: unknown) => ({ status: 200, json: async () => body }) as Response;
const text = (id: string) => ({ data: { frameworkVersion: { id, name: `Framework ${id}`, domains: [] } } });

describe(FrameworkTextCache.name, () => {
  let fetchMock: jest.Mock;
  let cache: FrameworkTextCache;

  beforeEach(() => {
    fetchMock = jest.fn();
    TestBed.configureTestingModule({ providers: [{ provide: GRAPHQL_FETCH, useValue: fetchMock }] });
    cache = TestBed.inject(FrameworkTextCache);
  });

  it('should fetch each version once, however many pages ask for it', async () => {
    fetchMock.mockImplementation(async (_url: string, init: RequestInit) => {
      const { variables } = JSON.parse(String(init.body)) as { variables: { id: string } };
      return respond(text(variables.id));
    });
    const [a, b] = await Promise.all([cache.get('v1'), cache.get('v1')]);
    const c = await cache.get('v2');
    expect([a.name, b.name, c.name]).toEqual(['Framework v1', 'Framework v1', 'Framework v2']);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('should try again after a failed fetch instead of keeping the failure', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('network down')).mockResolvedValueOnce(respond(text('v1')));
    await expect(cache.get('v1')).rejects.toBeDefined();
    await expect(cache.get('v1')).resolves.toMatchObject({ name: 'Framework v1' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
