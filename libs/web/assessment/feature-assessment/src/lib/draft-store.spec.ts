/**
 * @jest-environment node
 */
// Node, not jsdom: fake-indexeddb needs structuredClone, which jsdom does not provide (browsers do).
import { IDBFactory } from 'fake-indexeddb';

import { emptyDraft, type ResponseDraft } from './autosave';
import {
  discardUnsentAnswers,
  draftKeyPrefix,
  IndexedDbDraftStore,
  MemoryDraftStore,
  type StoredDraft,
  unsentAnswerKeys,
} from './draft-store';

const stored = (changes: Partial<ResponseDraft>, baseVersion = 1): StoredDraft => ({ draft: { ...emptyDraft(), ...changes }, baseVersion });

class LegacyStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

describe(IndexedDbDraftStore.name, () => {
  it('should keep drafts across instances (a reload), last write winning', async () => {
    const factory = new IDBFactory();
    const first = new IndexedDbDraftStore(factory, null);
    first.write('k', stored({ level: 1 }));
    first.write('k', stored({ level: 2 }));
    first.write('other', stored({ rationale: 'kept' }));
    first.remove('other');
    first.write('other', stored({ rationale: 'again' }, 4));
    await expect(first.read('k')).resolves.toEqual(stored({ level: 2 }));

    const second = new IndexedDbDraftStore(factory, null);
    await expect(second.read('k')).resolves.toEqual(stored({ level: 2 }));
    await expect(second.read('other')).resolves.toEqual(stored({ rationale: 'again' }, 4));
    await expect(second.read('missing')).resolves.toBeNull();
  });

  it('should apply a removal made after a write, and a write made after a removal', async () => {
    const factory = new IDBFactory();
    const store = new IndexedDbDraftStore(factory, null);
    store.write('a', stored({ level: 3 }));
    store.remove('a');
    store.remove('b');
    store.write('b', stored({ level: 4 }));

    const reopened = new IndexedDbDraftStore(factory, null);
    await expect(reopened.read('a')).resolves.toBeNull();
    await expect(reopened.read('b')).resolves.toEqual(stored({ level: 4 }));
  });

  it('should move a draft the localStorage version left behind, once', async () => {
    const factory = new IDBFactory();
    const legacy = new LegacyStorage();
    legacy.items.set('k', JSON.stringify(stored({ level: 5 }, 7)));
    legacy.items.set('broken', '{not json');
    const store = new IndexedDbDraftStore(factory, legacy);

    await expect(store.read('k')).resolves.toEqual(stored({ level: 5 }, 7));
    await expect(store.read('broken')).resolves.toBeNull();
    expect(legacy.items.has('k')).toBe(false);
    await expect(new IndexedDbDraftStore(factory, null).read('k')).resolves.toEqual(stored({ level: 5 }, 7));
  });

  it('should hold drafts in memory when the browser has no IndexedDB', async () => {
    const store = new IndexedDbDraftStore(undefined, null);
    store.write('k', stored({ level: 2 }));
    await expect(store.read('k')).resolves.toEqual(stored({ level: 2 }));
    store.remove('k');
    await expect(store.read('k')).resolves.toBeNull();
  });

  it('should hold drafts in memory when IndexedDB refuses to open', async () => {
    const refusing = {
      open: () => {
        throw new DOMException('blocked by policy', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const store = new IndexedDbDraftStore(refusing, null);
    store.write('k', stored({ level: 2 }));
    await expect(store.read('k')).resolves.toEqual(stored({ level: 2 }));
  });
});

describe('unsent answers of one person', () => {
  const A1 = '11111111-1111-4111-8111-111111111111';
  const A2 = '22222222-2222-4222-8222-222222222222';
  const ME = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
  const OTHER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

  it.each([
    ['IndexedDB', () => new IndexedDbDraftStore(new IDBFactory(), null)],
    ['memory', () => new MemoryDraftStore()],
  ])('should find and delete only that person’s, in every assessment (%s)', async (_, make) => {
    const store = make();
    store.write(`${draftKeyPrefix(A1, ME)}.MEAS-1`, stored({ level: 1 }));
    store.write(`${draftKeyPrefix(A2, ME)}.GOV-2`, stored({ level: 2 }));
    store.write(`${draftKeyPrefix(A1, OTHER)}.MEAS-1`, stored({ level: 3 }));
    store.write('unrelated', stored({ level: 4 }));

    expect((await unsentAnswerKeys(ME, store)).sort()).toEqual([`${draftKeyPrefix(A1, ME)}.MEAS-1`, `${draftKeyPrefix(A2, ME)}.GOV-2`]);
    await discardUnsentAnswers(ME, store);

    expect(await unsentAnswerKeys(ME, store)).toEqual([]);
    expect((await store.keys()).sort()).toEqual([`${draftKeyPrefix(A1, OTHER)}.MEAS-1`, 'unrelated']);
  });
});
