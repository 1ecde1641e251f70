import type { ResponseDraft } from './autosave';

/** An edit the server has not yet acknowledged, with the answer version it was made against. */
export interface StoredDraft {
  draft: ResponseDraft;
  baseVersion: number;
  /** Saves sent since `baseVersion` whose replies did not come (so may have been written): see `SaveIds`. */
  afterSaveIds?: string[];
}

/**
 * Where unacknowledged edits wait on this device until the server accepts them, so that a reload, a closed tab or
 * a lost connection loses nothing. Writes return at once and are applied in the order they were made: a later
 * write or removal of a key always wins over an earlier one.
 */
export interface DraftStore {
  read(key: string): Promise<unknown>;
  /** Every key that holds a draft. */
  keys(): Promise<string[]>;
  write(key: string, value: StoredDraft): void;
  remove(key: string): void;
}

/** Drafts held in memory only: for tests, and where the browser keeps nothing. */
export class MemoryDraftStore implements DraftStore {
  readonly items = new Map<string, StoredDraft>();
  read(key: string): Promise<unknown> {
    return Promise.resolve(this.items.get(key) ?? null);
  }
  keys(): Promise<string[]> {
    return Promise.resolve([...this.items.keys()]);
  }
  write(key: string, value: StoredDraft): void {
    this.items.set(key, value);
  }
  remove(key: string): void {
    this.items.delete(key);
  }
}

const DATABASE = 'cx-unsent-edits';
const STORE = 'drafts';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Drafts in IndexedDB: asynchronous, so typing never waits on a disk write (localStorage blocks the page on each
 * one), and not held to localStorage's few megabytes. IndexedDB runs read-write transactions on one object store
 * in the order they were created, and each write creates its transaction when called (once the database is
 * open, in call order), which gives the ordering DraftStore promises.
 *
 * Drafts that an earlier version of the app kept in localStorage under the same key are still found, once, and
 * moved here. If IndexedDB cannot be opened (blocked by policy, some private modes), drafts live in memory only:
 * saves still go out, but a reload before they do would lose them.
 */
export class IndexedDbDraftStore implements DraftStore {
  private readonly fallback = new MemoryDraftStore();
  private readonly db: Promise<IDBDatabase | null>;

  constructor(
    factory: IDBFactory | undefined = globalThis.indexedDB,
    private readonly legacy: Pick<Storage, 'getItem' | 'removeItem'> | null = safeLocalStorage(),
  ) {
    this.db = open(factory);
  }

  async read(key: string): Promise<unknown> {
    const db = await this.db;
    if (!db) return this.fallback.read(key);
    const found = await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(key)).catch(() => undefined);
    return found ?? this.takeLegacy(key);
  }

  async keys(): Promise<string[]> {
    const db = await this.db;
    if (!db) return this.fallback.keys();
    const keys: IDBValidKey[] = await request(db.transaction(STORE, 'readonly').objectStore(STORE).getAllKeys()).catch(() => []);
    return keys.filter((key): key is string => typeof key === 'string');
  }

  write(key: string, value: StoredDraft): void {
    this.change(
      (drafts) => drafts.put(value, key),
      () => this.fallback.write(key, value),
    );
  }

  remove(key: string): void {
    this.change(
      (drafts) => drafts.delete(key),
      () => this.fallback.remove(key),
    );
  }

  /** One read-write transaction, created in call order once the database is open; in memory without one. */
  private change(inDatabase: (drafts: IDBObjectStore) => void, inMemory: () => void): void {
    void this.db.then((db) => {
      if (!db) return inMemory();
      try {
        inDatabase(db.transaction(STORE, 'readwrite').objectStore(STORE));
      } catch {
        // Quota, or a closing database: the draft still lives in memory and its save still goes out.
      }
    });
  }

  /** A draft the localStorage version left behind: returned once, and moved here. */
  private takeLegacy(key: string): unknown {
    try {
      const raw = this.legacy?.getItem(key);
      if (!raw) return null;
      this.legacy?.removeItem(key);
      const value = JSON.parse(raw) as unknown;
      if (isStoredDraft(value)) this.write(key, value);
      return value;
    } catch {
      return null;
    }
  }
}

let shared: IndexedDbDraftStore | undefined;

/** The page's one draft store: one database connection, and one order for every write, whichever page makes it. */
export function browserDraftStore(): IndexedDbDraftStore {
  shared ??= new IndexedDbDraftStore();
  return shared;
}

/** The drafts database, or null where it cannot be had (then drafts stay in memory). */
async function open(factory: IDBFactory | undefined): Promise<IDBDatabase | null> {
  try {
    if (!factory) return null;
    const opening = factory.open(DATABASE, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
    return await request(opening);
  } catch {
    return null;
  }
}

/** Whether a stored value has a draft's shape (it may come from an older version of the app). */
export function isStoredDraft(value: unknown): value is StoredDraft {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<StoredDraft>;
  return (
    !!v.draft &&
    typeof v.draft === 'object' &&
    typeof v.baseVersion === 'number' &&
    (v.afterSaveIds === undefined || (Array.isArray(v.afterSaveIds) && v.afterSaveIds.every((id) => typeof id === 'string')))
  );
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Where autosave keeps one person's unsent answers to one assessment: `<prefix>.<criterion>` holds each. */
export function draftKeyPrefix(assessmentId: string, userId: string): string {
  return `cx.autosave.${assessmentId}.${userId}`;
}

/** The keys of a person's unsent answers on this device, in any assessment. */
export async function unsentAnswerKeys(userId: string, store: DraftStore = browserDraftStore()): Promise<string[]> {
  // cx.autosave.<assessment>.<user>.<criterion>: ids are UUIDs, so the dots only separate.
  return (await store.keys()).filter((key) => key.startsWith('cx.autosave.') && key.split('.')[3] === userId);
}

/** Deletes a person's unsent answers from this device (signing out of a shared computer). */
export async function discardUnsentAnswers(userId: string, store: DraftStore = browserDraftStore()): Promise<void> {
  for (const key of await unsentAnswerKeys(userId, store)) store.remove(key);
  // Removals are applied in order; reading after them waits for all of them.
  await store.keys();
}
