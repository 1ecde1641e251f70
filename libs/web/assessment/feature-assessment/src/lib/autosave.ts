import { computed, signal } from '@angular/core';
import { ErrorCode } from '@cx/shared-domain';
import { isGraphqlRequestError } from '@cx/web-shared-data-access-graphql';
import { browserDraftStore, type DraftStore, isStoredDraft, type StoredDraft } from './draft-store';

/** What a person has entered for one criterion. */
export interface ResponseDraft {
  level: number | null;
  notApplicable: boolean;
  rationale: string;
  markedForReview: boolean;
  /** Set once the person confirms a carried-forward answer. */
  confirmCarriedForward: boolean;
}

/** The other person's answer, as the API reports it on CONFLICT. */
export interface TheirAnswer {
  level: number | null;
  notApplicable: boolean;
  rationale: string | null;
  /** Null when the server did not say. */
  markedForReview: boolean | null;
  carriedForward: boolean | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface FieldProblem {
  /** 'level' | 'rationale' | 'general' */
  field: string;
  message: string;
}

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'invalid'; problems: FieldProblem[] }
  /** `retrying`: the failure is likely to pass (connection, service down), so the save is sent again by itself. */
  | { kind: 'error'; message: string; problems: FieldProblem[]; retrying?: boolean }
  | { kind: 'conflict'; currentVersion: number; theirs: TheirAnswer | null };

/**
 * Identifies a save to the server: its own new id, and the ids of this answer's earlier saves whose replies did not
 * come. If one of those was written after all, the server applies this save on top of it rather than showing the
 * person their own edit as someone else's (CONFLICT).
 */
export interface SaveIds {
  saveId: string;
  afterSaveIds: string[];
}

/** Saves one draft; resolves with the new version of the answer. Rejects with GraphqlRequestError. */
export type SaveFn = (criterionCode: string, draft: ResponseDraft, expectedVersion: number, ids: SaveIds) => Promise<number>;

/** The most earlier saves a save names (the API's limit). */
const MAX_AFTER_SAVE_IDS = 20;

export interface AutosaveOptions {
  save: SaveFn;
  /** Prefix that makes keys unique per assessment and user, e.g. `cx.autosave.<assessment>.<user>`. */
  storageKeyPrefix: string;
  /** Where unsent edits wait on this device; IndexedDB unless given. */
  store?: DraftStore;
  /** Debounce for typing; saves on blur or choice changes happen at once. */
  debounceMs?: number;
  now?: () => Date;
  /** A new save id; a random UUID unless given. */
  newId?: () => string;
}

export const NOT_APPLICABLE_NEEDS_REASON = 'Say why this question does not apply to your agency.';

/** Client-side checks that would certainly fail on the server; saves wait until they pass. */
export function validateDraft(draft: ResponseDraft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (draft.notApplicable && draft.rationale.trim() === '') problems.push({ field: 'rationale', message: NOT_APPLICABLE_NEEDS_REASON });
  if (draft.rationale.length > 4000) problems.push({ field: 'rationale', message: 'Shorten the rationale to 4,000 characters or fewer.' });
  return problems;
}

function fieldOf(path: string): string {
  const last = path.split('.').pop() ?? '';
  return last === 'level' || last === 'rationale' ? last : 'general';
}

function sameDraft(a: ResponseDraft, b: ResponseDraft): boolean {
  return (
    a.level === b.level &&
    a.notApplicable === b.notApplicable &&
    a.rationale === b.rationale &&
    a.markedForReview === b.markedForReview &&
    a.confirmCarriedForward === b.confirmCarriedForward
  );
}

/**
 * Autosave for the answers of one assessment: debounced saves while typing,
 * immediate saves on blur or choice, one request in flight per criterion,
 * unacknowledged edits kept on the device (IndexedDB) until the server accepts them,
 * and conflicts surfaced (never overwritten) with the other person's answer.
 */
export class AutosaveQueue {
  private readonly saveFn: SaveFn;
  private readonly prefix: string;
  private readonly store: DraftStore;
  private readonly debounceMs: number;
  private readonly now: () => Date;
  private readonly newId: () => string;

  private readonly versions = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The criteria with a save in flight, and that save's id. */
  private readonly inFlight = new Map<string, string>();
  /** Per criterion, the saves sent since its known version whose replies did not come (oldest first). */
  private readonly unacknowledged = new Map<string, string[]>();
  /** Criteria edited again while their save was in flight. */
  private readonly dirtyAgain = new Set<string>();
  /** Automatic retries so far of each criterion's failing save (reset by a success or a new edit). */
  private readonly retries = new Map<string, number>();
  /** One set per `sync` reading the device's drafts: the criteria edited meanwhile, whose edit is newer. */
  private readonly editedDuringSync = new Set<Set<string>>();
  /** The page has gone: nothing is sent or removed from storage any more (a new page may own the drafts). */
  private disposed = false;

  private readonly draftState = signal<Readonly<Record<string, ResponseDraft>>>({});
  private readonly saveState = signal<Readonly<Record<string, SaveState>>>({});

  readonly drafts = this.draftState.asReadonly();
  readonly states = this.saveState.asReadonly();

  /** Page-level summary of every criterion's state. */
  readonly summary = computed(() => {
    const states = Object.values(this.saveState());
    const count = (kind: SaveState['kind']) => states.filter((s) => s.kind === kind).length;
    const saved = states.filter((s): s is Extract<SaveState, { kind: 'saved' }> => s.kind === 'saved');
    const lastSavedAt = saved.reduce<Date | null>((latest, s) => (latest === null || s.at > latest ? s.at : latest), null);
    return {
      saving: count('saving') + count('pending'),
      failed: count('error') + count('invalid'),
      conflicts: count('conflict'),
      lastSavedAt,
    };
  });

  constructor(options: AutosaveOptions) {
    this.saveFn = options.save;
    this.prefix = options.storageKeyPrefix;
    this.store = options.store ?? browserDraftStore();
    this.debounceMs = Math.min(options.debounceMs ?? 1500, 2000);
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => randomUuid());
  }

  /**
   * Takes the server's answers (after a load or reload). Criteria with an unsent
   * local draft keep that draft and are saved again; the others show the server value.
   * Resolves with the codes that had unsent drafts, once those are on their way.
   */
  async sync(
    serverAnswers: ReadonlyMap<string, { draft: ResponseDraft; version: number }>,
    editableCodes: ReadonlySet<string>,
  ): Promise<string[]> {
    const drafts: Record<string, ResponseDraft> = { ...this.draftState() };
    for (const [code, answer] of serverAnswers) {
      if (!this.busy(code)) {
        this.versions.set(code, answer.version);
        this.unacknowledged.delete(code);
        drafts[code] = answer.draft;
      }
    }
    this.draftState.set(drafts);

    const codes = [...editableCodes];
    const edited = new Set<string>();
    this.editedDuringSync.add(edited);
    let stored: Array<StoredDraft | null>;
    try {
      stored = await Promise.all(codes.map((code) => this.readStored(code)));
    } finally {
      this.editedDuringSync.delete(edited);
    }
    const restored: string[] = [];
    const restoredDrafts: Record<string, ResponseDraft> = {};
    codes.forEach((code, i) => {
      const found = stored[i];
      // Edited while the device's drafts were being read: that edit is newer (and stored, or already saved).
      if (!found || this.disposed || edited.has(code) || this.busy(code)) return;
      const server = serverAnswers.get(code);
      if (server && sameAnswer(server.draft, found.draft)) {
        this.removeStored(code);
        return;
      }
      restoredDrafts[code] = found.draft;
      this.versions.set(code, found.baseVersion);
      if (found.afterSaveIds?.length) this.unacknowledged.set(code, found.afterSaveIds.slice(-MAX_AFTER_SAVE_IDS));
      restored.push(code);
    });
    if (restored.length === 0) return restored;
    this.draftState.update((d) => ({ ...d, ...restoredDrafts }));
    for (const code of restored) void this.flush(code);
    return restored;
  }

  draft(code: string): ResponseDraft | undefined {
    return this.draftState()[code];
  }

  state(code: string): SaveState {
    return this.saveState()[code] ?? { kind: 'idle' };
  }

  version(code: string): number {
    return this.versions.get(code) ?? 0;
  }

  /** Records an edit. `immediate` saves now (blur, radio or checkbox change); otherwise after the debounce. */
  edit(code: string, changes: Partial<ResponseDraft>, immediate = false): void {
    for (const edited of this.editedDuringSync) edited.add(code);
    const current = this.draft(code) ?? emptyDraft();
    const draft = { ...current, ...changes };
    this.draftState.update((d) => ({ ...d, [code]: draft }));
    this.writeStored(code, draft);
    // Keep a conflict visible; the person decides with "Keep theirs" or "Use mine".
    if (this.state(code).kind === 'conflict') return;
    this.setState(code, { kind: 'pending' });
    this.clearTimer(code);
    this.retries.delete(code);
    if (immediate) void this.flush(code);
    else
      this.timers.set(
        code,
        setTimeout(() => void this.flush(code), this.debounceMs),
      );
  }

  /** Saves now whatever is unsaved for this criterion (used on blur and by "Retry"). */
  async flush(code: string): Promise<void> {
    this.clearTimer(code);
    if (this.disposed) return;
    const draft = this.draft(code);
    if (!draft) return;
    if (this.inFlight.has(code)) {
      this.dirtyAgain.add(code);
      return;
    }
    const problems = validateDraft(draft);
    if (problems.length > 0) {
      this.setState(code, { kind: 'invalid', problems });
      return;
    }
    const ids: SaveIds = { saveId: this.newId(), afterSaveIds: this.unacknowledged.get(code) ?? [] };
    this.inFlight.set(code, ids.saveId);
    this.setState(code, { kind: 'saving' });
    try {
      this.acknowledged(code, draft, await this.saveFn(code, draft, this.version(code), ids));
    } catch (error) {
      const failure = toFailureState(error);
      // A send whose reply was lost is not a conflict when sent again: the API takes an answer it already
      // holds as saved, and one that names this save as written before it.
      // Kept in memory only: the device's draft already names this save if it was edited meanwhile, and a failure
      // must not write a draft back after "Sign out and delete them" has removed it.
      if (failure.kind === 'error' && isTransient(error)) {
        this.unacknowledged.set(code, [...ids.afterSaveIds, ids.saveId].slice(-MAX_AFTER_SAVE_IDS));
        this.setState(code, { ...failure, retrying: true });
        this.retryLater(code);
      } else {
        this.setState(code, failure);
      }
    } finally {
      this.inFlight.delete(code);
      if (this.dirtyAgain.delete(code) && this.state(code).kind !== 'conflict') void this.flush(code);
    }
  }

  /** Re-sends every criterion that is waiting or failed (e.g. when the browser comes back online). */
  async retryAll(): Promise<void> {
    const codes = Object.entries(this.saveState())
      .filter(([, s]) => s.kind === 'error' || s.kind === 'pending')
      .map(([code]) => code);
    await Promise.all(codes.map((code) => this.flush(code)));
  }

  /** Conflict resolution: save my draft over theirs, knowingly, against their version. */
  async useMine(code: string): Promise<void> {
    const state = this.state(code);
    if (state.kind !== 'conflict') return;
    this.versions.set(code, state.currentVersion);
    this.setState(code, { kind: 'pending' });
    await this.flush(code);
  }

  /** Conflict resolution: drop my draft; the caller reloads and calls {@link sync}. */
  keepTheirs(code: string): void {
    this.clearTimer(code);
    this.unacknowledged.delete(code);
    this.removeStored(code);
    this.setState(code, { kind: 'idle' });
  }

  /** Stops pending timers (page leaves). Unsent drafts stay in storage for next time. */
  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  hasUnsaved(): boolean {
    return Object.values(this.saveState()).some((s) => s.kind !== 'idle' && s.kind !== 'saved');
  }

  /** Sends a failed save again after 2, 4, 8, 16, then every 30 seconds, until it goes through or is edited. */
  private retryLater(code: string): void {
    // Gone, or edited again meanwhile: that edit's own save is already due.
    if (this.disposed || this.timers.has(code)) return;
    const attempt = this.retries.get(code) ?? 0;
    this.retries.set(code, attempt + 1);
    this.timers.set(
      code,
      setTimeout(() => void this.flush(code), Math.min(2000 * 2 ** attempt, 30_000)),
    );
  }

  /** The server holds `draft` at `version`. */
  private acknowledged(code: string, draft: ResponseDraft, version: number): void {
    this.retries.delete(code);
    this.unacknowledged.delete(code);
    this.versions.set(code, version);
    if (this.dirtyAgain.has(code) || this.timers.has(code)) {
      this.setState(code, { kind: 'pending' });
    } else {
      const latest = this.draft(code);
      if (!this.disposed && latest && sameDraft(latest, draft)) this.removeStored(code);
      this.setState(code, { kind: 'saved', at: this.now() });
    }
  }

  /** A save is waiting, running or in conflict: server values must not replace the draft. */
  private busy(code: string): boolean {
    return this.inFlight.has(code) || this.timers.has(code) || this.state(code).kind === 'conflict';
  }

  private setState(code: string, state: SaveState): void {
    this.saveState.update((s) => ({ ...s, [code]: state }));
  }

  private clearTimer(code: string): void {
    const timer = this.timers.get(code);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(code);
  }

  private key(code: string): string {
    return `${this.prefix}.${code}`;
  }

  private async readStored(code: string): Promise<StoredDraft | null> {
    try {
      const value = await this.store.read(this.key(code));
      return isStoredDraft(value) ? { ...value, draft: { ...emptyDraft(), ...value.draft } } : null;
    } catch {
      return null;
    }
  }

  /** Stores an edit with the saves it may come after: those unanswered so far, and the one in flight. */
  private writeStored(code: string, draft: ResponseDraft): void {
    const sending = this.inFlight.get(code);
    const afterSaveIds = [...(this.unacknowledged.get(code) ?? []), ...(sending ? [sending] : [])].slice(-MAX_AFTER_SAVE_IDS);
    this.store.write(this.key(code), { draft, baseVersion: this.version(code), ...(afterSaveIds.length > 0 ? { afterSaveIds } : {}) });
  }

  private removeStored(code: string): void {
    this.store.remove(this.key(code));
  }
}

/**
 * A random (version 4) UUID. `crypto.randomUUID` exists only in a secure context (HTTPS, or localhost), so a page
 * served over plain HTTP, on a test server say, builds one from `getRandomValues`, which exists everywhere.
 */
export function randomUuid(source: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function emptyDraft(): ResponseDraft {
  return { level: null, notApplicable: false, rationale: '', markedForReview: false, confirmCarriedForward: false };
}

/** A failure that time alone may cure: no connection, or the service (its database, say) briefly down. */
function isTransient(error: unknown): boolean {
  return isGraphqlRequestError(error, 'NETWORK_ERROR') || isGraphqlRequestError(error, ErrorCode.SERVICE_UNAVAILABLE);
}

/** A rationale as the server keeps it, and as saves send it: trimmed, and none when blank. */
export function savedRationale(rationale: string | null): string | null {
  const trimmed = (rationale ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/** The same answer once saved: rationales compared as the server keeps them. */
function sameAnswer(a: ResponseDraft, b: ResponseDraft): boolean {
  return sameDraft({ ...a, rationale: savedRationale(a.rationale) ?? '' }, { ...b, rationale: savedRationale(b.rationale) ?? '' });
}

function toFailureState(error: unknown): SaveState {
  if (isGraphqlRequestError(error, ErrorCode.CONFLICT)) {
    const currentVersion = typeof error.extensions['currentVersion'] === 'number' ? error.extensions['currentVersion'] : null;
    if (currentVersion !== null) {
      return { kind: 'conflict', currentVersion, theirs: toTheirAnswer(error.extensions['current']) };
    }
    // A conflict without a version (e.g. the assessment was submitted): nothing to merge, so say so.
    return { kind: 'error', message: error.message, problems: [] };
  }
  if (isGraphqlRequestError(error, ErrorCode.BAD_USER_INPUT)) {
    const problems = error.fieldErrors.map((f) => ({ field: fieldOf(f.path), message: f.message }));
    return { kind: 'error', message: error.message, problems };
  }
  if (isGraphqlRequestError(error)) return { kind: 'error', message: error.message, problems: [] };
  return { kind: 'error', message: 'We could not save this answer. Try again.', problems: [] };
}

function toTheirAnswer(value: unknown): TheirAnswer | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  return {
    level: typeof v['level'] === 'number' ? v['level'] : null,
    notApplicable: v['notApplicable'] === true,
    rationale: typeof v['rationale'] === 'string' ? v['rationale'] : null,
    markedForReview: typeof v['markedForReview'] === 'boolean' ? v['markedForReview'] : null,
    carriedForward: typeof v['carriedForward'] === 'boolean' ? v['carriedForward'] : null,
    updatedAt: typeof v['updatedAt'] === 'string' ? v['updatedAt'] : null,
    updatedBy: typeof v['updatedBy'] === 'string' ? v['updatedBy'] : null,
  };
}
