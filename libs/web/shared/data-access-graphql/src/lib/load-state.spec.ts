import { LoadState } from './load-state';

describe('LoadState', () => {
  it('should go from idle to loaded with the fetched data', async () => {
    const state = new LoadState<number[]>([]);
    expect(state.status()).toBe('idle');
    const loading = state.load(() => Promise.resolve([1, 2]));
    expect(state.status()).toBe('loading');
    await loading;
    expect({ status: state.status(), data: state.data(), error: state.error() }).toEqual({ status: 'loaded', data: [1, 2], error: null });
  });

  it('should keep the earlier data and report the message when a reload fails', async () => {
    const state = new LoadState<string[]>([]);
    await state.load(() => Promise.resolve(['a']));
    await state.load(() => Promise.reject(new Error('We could not reach the server.')));
    expect({ status: state.status(), data: state.data(), error: state.error() }).toEqual({
      status: 'error',
      data: ['a'],
      error: 'We could not reach the server.',
    });
  });

  it('should apply a change to the loaded data', async () => {
    const state = new LoadState<string[]>([]);
    await state.load(() => Promise.resolve(['a', 'b']));
    state.update((items) => items.filter((i) => i !== 'a'));
    expect(state.data()).toEqual(['b']);
  });
});
