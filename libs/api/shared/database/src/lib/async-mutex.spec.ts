import { AsyncMutex } from './async-mutex';

describe(AsyncMutex.name, () => {
  it('should grant the lock in arrival order when several callers wait', async () => {
    const sut = new AsyncMutex();
    const order: number[] = [];
    const release0 = await sut.acquire();
    const waits = [1, 2, 3].map(async (n) => {
      const release = await sut.acquire();
      order.push(n);
      release();
    });
    expect(sut.queueLength).toBe(3);
    release0();
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
    expect(sut.isLocked).toBe(false);
  });

  it('should ignore a second release when a holder releases twice', async () => {
    const sut = new AsyncMutex();
    const release = await sut.acquire();
    const waiting = sut.acquire();
    release();
    release();
    const release2 = await waiting;
    expect(sut.isLocked).toBe(true);
    release2();
    expect(sut.isLocked).toBe(false);
  });

  it('should reject with a clear message when the lock is not freed in time', async () => {
    const sut = new AsyncMutex(20);
    await sut.acquire();
    await expect(sut.acquire()).rejects.toThrow(/stayed busy/);
    expect(sut.queueLength).toBe(0);
  });
});
