import { ErrorCode } from '@cx/shared-domain';
import { GraphqlRequestError } from '@cx/web-shared-data-access-graphql';
import { AutosaveQueue, NOT_APPLICABLE_NEEDS_REASON, emptyDraft, randomUuid, type ResponseDraft, type SaveFn } from './autosave';
import { MemoryDraftStore } from './draft-store';

const AT = new Date('2026-11-23T14:05:00');
const draft = (changes: Partial<ResponseDraft> = {}): ResponseDraft => ({ ...emptyDraft(), ...changes });

function setup(save: SaveFn, storage = new MemoryDraftStore()) {
  let ids = 0;
  const queue = new AutosaveQueue({
    save,
    store: storage,
    storageKeyPrefix: 'cx.autosave.a1.u1',
    debounceMs: 1500,
    now: () => AT,
    newId: () => `save-${++ids}`,
  });
  return { queue, storage };
}

describe(AutosaveQueue.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should wait for the debounce before saving typed text, then report the save time', async () => {
    const save = jest.fn<ReturnType<SaveFn>, Parameters<SaveFn>>().mockResolvedValue(1);
    const { queue, storage } = setup(save);

    queue.edit('M1', { rationale: 'We run surveys' });
    queue.edit('M1', { rationale: 'We run surveys monthly' });
    expect(queue.state('M1').kind).toBe('pending');
    expect(storage.items.has('cx.autosave.a1.u1.M1')).toBe(true);
    await jest.advanceTimersByTimeAsync(1499);
    expect(save).not.toHaveBeenCalled();

    await jest.advanceTimersByTimeAsync(1);

    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('M1', draft({ rationale: 'We run surveys monthly' }), 0, { saveId: 'save-1', afterSaveIds: [] });
    expect(queue.state('M1')).toEqual({ kind: 'saved', at: AT });
    expect(queue.version('M1')).toBe(1);
    expect(storage.items.has('cx.autosave.a1.u1.M1')).toBe(false);
  });

  it('should save at once on a choice and send the new version next time', async () => {
    const save = jest.fn<ReturnType<SaveFn>, Parameters<SaveFn>>().mockResolvedValueOnce(1).mockResolvedValueOnce(2);
    const { queue } = setup(save);

    queue.edit('M1', { level: 3 }, true);
    await jest.advanceTimersByTimeAsync(0);
    queue.edit('M1', { level: 4 }, true);
    await jest.advanceTimersByTimeAsync(0);

    expect(save.mock.calls.map((c) => [c[1].level, c[2]])).toEqual([
      [3, 0],
      [4, 1],
    ]);
  });

  it('should keep a failed edit on the device, say it is not saved, and send it on retry', async () => {
    const save = jest
      .fn<ReturnType<SaveFn>, Parameters<SaveFn>>()
      .mockRejectedValueOnce(new GraphqlRequestError('NETWORK_ERROR'))
      .mockResolvedValueOnce(1);
    const { queue, storage } = setup(save);

    queue.edit('M1', { level: 2 }, true);
    await jest.advanceTimersByTimeAsync(0);

    expect(queue.state('M1').kind).toBe('error');
    expect(queue.summary().failed).toBe(1);
    expect(storage.items.get('cx.autosave.a1.u1.M1')).toEqual({ draft: draft({ level: 2 }), baseVersion: 0 });

    await queue.retryAll();

    expect(save).toHaveBeenLastCalledWith('M1', draft({ level: 2 }), 0, { saveId: 'save-2', afterSaveIds: ['save-1'] });
    expect(queue.state('M1').kind).toBe('saved');
    expect(storage.items.size).toBe(0);
  });

  it('should send a save that failed for want of a connection or service again by itself, backing off', async () => {
    const save = jest
      .fn<ReturnType<SaveFn>, Parameters<SaveFn>>()
      .mockRejectedValueOnce(new GraphqlRequestError('NETWORK_ERROR'))
      .mockRejectedValueOnce(new GraphqlRequestError(ErrorCode.SERVICE_UNAVAILABLE))
      .mockResolvedValueOnce(1);
    const { queue, storage } = setup(save);

    queue.edit('M1', { level: 2 }, true);
    await jest.advanceTimersByTimeAsync(0);
    expect(queue.state('M1')).toMatchObject({ kind: 'error', retrying: true });
    await jest.advanceTimersByTimeAsync(1999);
    expect(save).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(2);
    // Then twice as long.
    await jest.advanceTimersByTimeAsync(3999);
    expect(save).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(1);

    expect(save).toHaveBeenCalledTimes(3);
    expect(queue.state('M1')).toEqual({ kind: 'saved', at: AT });
    expect(storage.items.size).toBe(0);
  });

  it('should not retry by itself what time will not cure', async () => {
    const save = jest.fn<ReturnType<SaveFn>, Parameters<SaveFn>>().mockRejectedValue(new GraphqlRequestError(ErrorCode.FORBIDDEN));
    const { queue } = setup(save);

    queue.edit('M1', { level: 2 }, true);
    await jest.advanceTimersByTimeAsync(120_000);

    expect(save).toHaveBeenCalledTimes(1);
    expect(queue.state('M1')).toMatchObject({ kind: 'error' });
    expect(queue.state('M1')).not.toHaveProperty('retrying');
  });

  it('should name the saves whose replies were lost in the next one, after more edits, until one is acknowledged', async () => {
    const lost = () => new GraphqlRequestError('NETWORK_ERROR');
    const save = jest
      .fn<ReturnType<SaveFn>, Parameters<SaveFn>>()
      .mockRejectedValueOnce(lost())
      .mockRejectedValueOnce(lost())
      .mockResolvedValueOnce(3)
      .mockResolvedValueOnce(4);
    const { queue } = setup(save);

    queue.edit('M1', { rationale: 'One' }, true);
    await jest.advanceTimersByTimeAsync(0);
    queue.edit('M1', { rationale: 'One two' }, true);
    await jest.advanceTimersByTimeAsync(0);
    queue.edit('M1', { rationale: 'One two three' }, true);
    await jest.advanceTimersByTimeAsync(0);
    queue.edit('M1', { rationale: 'One two three four' }, true);
    await jest.advanceTimersByTimeAsync(0);

    // Each save still expects the last version known (0) and names every earlier unanswered one; once one is
    // acknowledged, the next expects its version and names none.
    expect(save.mock.calls.map((c) => [c[2], c[3]])).toEqual([
      [0, { saveId: 'save-1', afterSaveIds: [] }],
      [0, { saveId: 'save-2', afterSaveIds: ['save-1'] }],
      [0, { saveId: 'save-3', afterSaveIds: ['save-1', 'save-2'] }],
      [3, { saveId: 'save-4', afterSaveIds: [] }],
    ]);
    expect(queue.state('M1').kind).toBe('saved');
  });

  it('should store an edit made while a save is in flight, or after its reply was lost, with that save named', async () => {
    let fail: (e: unknown) => void = () => undefined;
    const save = jest
      .fn<ReturnType<SaveFn>, Parameters<SaveFn>>()
      .mockImplementationOnce(() => new Promise<number>((_, reject) => (fail = reject)))
      .mockResolvedValueOnce(2);
    const { queue, storage } = setup(save);

    queue.edit('M1', { rationale: 'One' }, true);
    await jest.advanceTimersByTimeAsync(0);
    queue.edit('M1', { rationale: 'One two' });
    // A reload now would send this edit after save-1, which may yet be written.
    expect(storage.items.get('cx.autosave.a1.u1.M1')).toEqual({
      draft: draft({ rationale: 'One two' }),
      baseVersion: 0,
      afterSaveIds: ['save-1'],
    });
    // "Sign out and delete them" removes it; the failing save must not write it back.
    storage.remove('cx.autosave.a1.u1.M1');
    fail(new GraphqlRequestError('NETWORK_ERROR'));
    await jest.advanceTimersByTimeAsync(0);
    expect(storage.items.has('cx.autosave.a1.u1.M1')).toBe(false);
    // Still on the page, the next save names save-1.
    await jest.advanceTimersByTimeAsync(1500);
    expect(save).toHaveBeenLastCalledWith('M1', draft({ rationale: 'One two' }), 0, { saveId: 'save-2', afterSaveIds: ['save-1'] });
  });

  it('should re-send an unsaved edit found in storage after a reload', async () => {
    const storage = new MemoryDraftStore();
    storage.write('cx.autosave.a1.u1.M2', { draft: draft({ level: 5 }), baseVersion: 3, afterSaveIds: ['before-reload'] });
    const save = jest.fn<ReturnType<SaveFn>, Parameters<SaveFn>>().mockResolvedValue(4);
    const { queue } = setup(save, storage);

    const restored = queue.sync(new Map([['M2', { draft: draft({ level: 1 }), version: 3 }]]), new Set(['M2']));
    // The server's answer shows at once; the device's draft replaces it once read.
    expect(queue.draft('M2')?.level).toBe(1);
    await jest.advanceTimersByTimeAsync(0);

    await expect(restored).resolves.toEqual(['M2']);
    expect(save).toHaveBeenCalledWith('M2', draft({ level: 5 }), 3, { saveId: 'save-1', afterSaveIds: ['before-reload'] });
    expect(queue.draft('M2')?.level).toBe(5);
    expect(storage.items.size).toBe(0);
  });

  it('should forget a stored draft the server already has, and ignore stored values of another shape', async () => {
    const storage = new MemoryDraftStore();
    storage.write('cx.autosave.a1.u1.M1', { draft: draft({ level: 2 }), baseVersion: 1 });
    storage.items.set('cx.autosave.a1.u1.M2', 'garbage' as never);
    const save = jest.fn<ReturnType<SaveFn>, Parameters<SaveFn>>();
    const { queue } = setup(save, storage);

    const server = new Map([
      ['M1', { draft: draft({ level: 2 }), version: 2 }],
      ['M2', { draft: draft({ level: 3 }), version: 1 }],
    ]);
    await expect(queue.sync(server, new Set(['M1', 'M2']))).resolves.toEqual([]);

    expect(save).not.toHaveBeenCalled();
    expect(storage.items.has('cx.autosave.a1.u1.M1')).toBe(false);
    expect(queue.draft('M2')?.level).toBe(3);
  });

  it('should keep an edit made while the stored drafts were being read, not the older stored one', async () => {
    let release: () => void = () => undefined;
    const storage = new MemoryDraftStore();
    storage.write('cx.autosave.a1.u1.M1', { draft: draft({ level: 5 }), baseVersion: 1 });
    const read = storage.read.bind(storage);
    storage.read = (key) => new Promise<void>((resolve) => (release = resolve)).then(() => read(key));
    const save = jest.fn<ReturnType<SaveFn>, Parameters<SaveFn>>().mockResolvedValue(2);
    const { queue } = setup(save, storage);

    const restored = queue.sync(new Map([['M1', { draft: draft({ level: 1 }), version: 1 }]]), new Set(['M1']));
    queue.edit('M1', { level: 3 }, true);
    release();
    await jest.advanceTimersByTimeAsync(0);

    await expect(restored).resolves.toEqual([]);
    // Made on the server's answer, against its version.
    expect(save.mock.calls.map((c) => [c[1].level, c[2]])).toEqual([[3, 1]]);
    expect(queue.draft('M1')?.level).toBe(3);
  });

  it('should show a conflict with their answer, and save mine against their version only when asked', async () => {
    const conflict = new GraphqlRequestError(ErrorCode.CONFLICT, undefined, [], {
      currentVersion: 7,
      current: { level: 2, notApplicable: false, rationale: 'Theirs', updatedAt: '2026-11-23T14:00:00Z', updatedBy: 'Ben Carter' },
    });
    const save = jest.fn<ReturnType<SaveFn>, Parameters<SaveFn>>().mockRejectedValueOnce(conflict).mockResolvedValueOnce(8);
    const { queue, storage } = setup(save);

    queue.edit('M1', { level: 4 }, true);
    await jest.advanceTimersByTimeAsync(0);

    expect(queue.state('M1')).toEqual({
      kind: 'conflict',
      currentVersion: 7,
      theirs: {
        level: 2,
        notApplicable: false,
        rationale: 'Theirs',
        markedForReview: null,
        carriedForward: null,
        updatedAt: '2026-11-23T14:00:00Z',
        updatedBy: 'Ben Carter',
      },
    });
    expect(queue.summary().conflicts).toBe(1);
    // Further typing does not overwrite theirs behind the person's back.
    queue.edit('M1', { rationale: 'mine' });
    await jest.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
    expect(storage.items.has('cx.autosave.a1.u1.M1')).toBe(true);

    await queue.useMine('M1');

    expect(save).toHaveBeenLastCalledWith('M1', draft({ level: 4, rationale: 'mine' }), 7, { saveId: 'save-2', afterSaveIds: [] });
    expect(queue.state('M1').kind).toBe('saved');
  });

  it('should neither send nor clear anything once the page has gone', async () => {
    let fail: (e: unknown) => void = () => undefined;
    const save = jest
      .fn<ReturnType<SaveFn>, Parameters<SaveFn>>()
      .mockImplementationOnce(() => new Promise((_, reject) => (fail = reject)))
      .mockResolvedValue(2);
    const { queue, storage } = setup(save);

    queue.edit('M1', { level: 2 }, true);
    queue.dispose();
    fail(new GraphqlRequestError('NETWORK_ERROR'));
    await jest.advanceTimersByTimeAsync(120_000);

    expect(save).toHaveBeenCalledTimes(1);
    // Left for the next page, which sends it.
    expect(storage.items.has('cx.autosave.a1.u1.M1')).toBe(true);
  });

  it('should drop my draft when I keep theirs and take the reloaded answer', async () => {
    const conflict = new GraphqlRequestError(ErrorCode.CONFLICT, undefined, [], { currentVersion: 2, current: null });
    const save = jest.fn<ReturnType<SaveFn>, Parameters<SaveFn>>().mockRejectedValue(conflict);
    const { queue, storage } = setup(save);
    queue.edit('M1', { level: 4 }, true);
    await jest.advanceTimersByTimeAsync(0);

    queue.keepTheirs('M1');
    await queue.sync(new Map([['M1', { draft: draft({ level: 2 }), version: 2 }]]), new Set(['M1']));

    expect(queue.state('M1').kind).toBe('idle');
    expect(queue.draft('M1')?.level).toBe(2);
    expect(queue.version('M1')).toBe(2);
    expect(storage.items.size).toBe(0);
  });

  it('should not send "does not apply" without a reason, and show field errors from the server', async () => {
    const badInput = new GraphqlRequestError(ErrorCode.BAD_USER_INPUT, 'Fix', [
      { path: 'input.level', message: 'Choose a level from 1 to 5.' },
    ]);
    const save = jest.fn<ReturnType<SaveFn>, Parameters<SaveFn>>().mockRejectedValue(badInput);
    const { queue } = setup(save);

    queue.edit('M1', { notApplicable: true }, true);
    await jest.advanceTimersByTimeAsync(0);
    expect(save).not.toHaveBeenCalled();
    expect(queue.state('M1')).toEqual({ kind: 'invalid', problems: [{ field: 'rationale', message: NOT_APPLICABLE_NEEDS_REASON }] });

    queue.edit('M2', { level: 9 }, true);
    await jest.advanceTimersByTimeAsync(0);
    expect(queue.state('M2')).toEqual({
      kind: 'error',
      message: 'Fix',
      problems: [{ field: 'level', message: 'Choose a level from 1 to 5.' }],
    });
  });

  it('should save again after an in-flight save when the person kept typing', async () => {
    let resolveFirst: (v: number) => void = () => undefined;
    const save = jest
      .fn<ReturnType<SaveFn>, Parameters<SaveFn>>()
      .mockImplementationOnce(() => new Promise((resolve) => (resolveFirst = resolve)))
      .mockResolvedValueOnce(2);
    const { queue } = setup(save);

    queue.edit('M1', { level: 1 }, true);
    queue.edit('M1', { level: 2 }, true);
    resolveFirst(1);
    await jest.advanceTimersByTimeAsync(0);

    expect(save.mock.calls.map((c) => [c[1].level, c[2]])).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(queue.state('M1').kind).toBe('saved');
  });
});

describe(randomUuid.name, () => {
  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('should make a version 4 UUID from random bytes where randomUUID is missing (a page not served over HTTPS)', () => {
    const filled = (value: number) => ({
      getRandomValues: <T extends ArrayBufferView | null>(array: T): T => {
        (array as unknown as Uint8Array).fill(value);
        return array;
      },
    });
    expect(randomUuid(filled(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(randomUuid(filled(0x00))).toBe('00000000-0000-4000-8000-000000000000');
    expect(randomUuid({ ...filled(0), randomUUID: () => 'from-randomUUID' })).toBe('from-randomUUID');
    const made = new Set(Array.from({ length: 100 }, () => randomUuid({ getRandomValues: (a) => crypto.getRandomValues(a) })));
    expect(made.size).toBe(100);
    for (const id of made) expect(id).toMatch(UUID_V4);
  });
});
