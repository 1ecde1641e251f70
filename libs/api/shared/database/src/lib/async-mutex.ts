/**
 * A first-come, first-served lock. Used to give the single PGlite session to one
 * caller (one TypeORM query runner, hence one transaction) at a time.
 */
export class AsyncMutex {
  private locked = false;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly acquireTimeoutMs = 30_000) {}

  get isLocked(): boolean {
    return this.locked;
  }

  get queueLength(): number {
    return this.waiters.length;
  }

  /** Resolves with a release function once the lock is held; rejects after the timeout. */
  acquire(): Promise<() => void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        clearTimeout(timer);
        resolve(this.releaser());
      };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(
          new Error(
            `The embedded database stayed busy for ${this.acquireTimeoutMs} ms. ` +
              'A transaction may be waiting on a second connection it can never get: use the transaction manager inside transactions.',
          ),
        );
      }, this.acquireTimeoutMs);
      this.waiters.push(grant);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.locked = false;
    };
  }
}
