import { computed, signal } from '@angular/core';
import { ErrorCode } from '@cx/shared-domain';
import { isGraphqlRequestError } from '@cx/web-shared-data-access-graphql';

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
  | { kind: 'error'; message: string; problems: FieldProblem[] }
  | { kind: 'conflict'; currentVersion: number; theirs: TheirAnswer | null };

/** Saves one draft; resolves with the new version of the answer. Rejects with GraphqlRequestError. */
export type SaveFn = (criterionCode: string, draft: ResponseDraft, expectedVersion: number) => Promise<number>;

export interface AutosaveOptions {
  save: SaveFn;
  /** Prefix that makes keys unique per assessment and user, e.g. `cx.autosave.<assessment>.<user>`. */
  storageKeyPrefix: string;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Debounce for typing; saves on blur or choice changes happen at once. */
  debounceMs?: number;
  now?: () => Date;
}

interface StoredDraft {
  draft: ResponseDraft;
  baseVersion: number;
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
 * unacknowledged edits kept in localStorage until the server accepts them,
 * and conflicts surfaced (never overwritten) with the other person's answer.
 */
export class AutosaveQueue {
  private readonly saveFn: SaveFn;
  private readonly prefix: string;
  private readonly storage: AutosaveOptions['storage'];
  private readonly debounceMs: number;
  private readonly now: () => Date;

  private readonly versions = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<string>();
  /** Criteria edited again while their save was in flight. */
  private readonly dirtyAgain = new Set<string>();

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
    this.storage = options.storage === undefined ? safeLocalStorage() : options.storage;
    this.debounceMs = Math.min(options.debounceMs ?? 1500, 2000);
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Takes the server's answers (after a load or reload). Criteria with an unsent
   * local draft keep that draft and are saved again; the others show the server value.
   * Returns the codes that had unsent drafts.
   */
  sync(serverAnswers: ReadonlyMap<string, { draft: ResponseDraft; version: number }>, editableCodes: ReadonlySet<string>): string[] {
    const restored: string[] = [];
    const drafts: Record<string, ResponseDraft> = { ...this.draftState() };
    for (const [code, answer] of serverAnswers) {
      const busy = this.inFlight.has(code) || this.timers.has(code) || this.state(code).kind === 'conflict';
      if (!busy) {
        this.versions.set(code, answer.version);
        drafts[code] = answer.draft;
      }
    }
    for (const code of editableCodes) {
      const stored = this.readStored(code);
      if (!stored) continue;
      const server = serverAnswers.get(code);
      if (server && sameDraft(server.draft, stored.draft)) {
        this.removeStored(code);
        continue;
      }
      drafts[code] = stored.draft;
      this.versions.set(code, stored.baseVersion);
      restored.push(code);
    }
    this.draftState.set(drafts);
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
    const current = this.draft(code) ?? emptyDraft();
    const draft = { ...current, ...changes };
    this.draftState.update((d) => ({ ...d, [code]: draft }));
    if (this.state(code).kind === 'conflict') {
      // Keep the conflict visible; the person decides with "Keep theirs" or "Use mine".
      this.writeStored(code, draft);
      return;
    }
    this.writeStored(code, draft);
    this.setState(code, { kind: 'pending' });
    this.clearTimer(code);
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
    this.inFlight.add(code);
    this.setState(code, { kind: 'saving' });
    try {
      const version = await this.saveFn(code, draft, this.version(code));
      this.versions.set(code, version);
      if (this.dirtyAgain.has(code) || this.timers.has(code)) {
        this.setState(code, { kind: 'pending' });
      } else {
        const latest = this.draft(code);
        if (latest && sameDraft(latest, draft)) this.removeStored(code);
        this.setState(code, { kind: 'saved', at: this.now() });
      }
    } catch (error) {
      this.setState(code, toFailureState(error));
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
    this.removeStored(code);
    this.setState(code, { kind: 'idle' });
  }

  /** Stops pending timers (page leaves). Unsent drafts stay in storage for next time. */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  hasUnsaved(): boolean {
    return Object.values(this.saveState()).some((s) => s.kind !== 'idle' && s.kind !== 'saved');
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

  private readStored(code: string): StoredDraft | null {
    try {
      const raw = this.storage?.getItem(this.key(code));
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<StoredDraft>;
      if (!parsed.draft || typeof parsed.baseVersion !== 'number') return null;
      return { draft: { ...emptyDraft(), ...parsed.draft }, baseVersion: parsed.baseVersion };
    } catch {
      return null;
    }
  }

  private writeStored(code: string, draft: ResponseDraft): void {
    try {
      this.storage?.setItem(this.key(code), JSON.stringify({ draft, baseVersion: this.version(code) } satisfies StoredDraft));
    } catch {
      // Storage full or blocked: the draft still lives in memory and the save still goes out.
    }
  }

  private removeStored(code: string): void {
    try {
      this.storage?.removeItem(this.key(code));
    } catch {
      // Nothing to clean up if storage is unavailable.
    }
  }
}

export function emptyDraft(): ResponseDraft {
  return { level: null, notApplicable: false, rationale: '', markedForReview: false, confirmCarriedForward: false };
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
    updatedAt: typeof v['updatedAt'] === 'string' ? v['updatedAt'] : null,
    updatedBy: typeof v['updatedBy'] === 'string' ? v['updatedBy'] : null,
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
