import fc from 'fast-check';

import {
  alreadySaved,
  type AnswerChange,
  type AnswerFields,
  answerAfterSave,
  AssessmentHeaderCache,
  staleSaveOutcome,
} from './answer-write';

const header = (n: number) => ({ organizationId: `org-${n}`, frameworkVersionId: 'fw', supplements: [] });

describe('AssessmentHeaderCache', () => {
  it('should forget the least recently stored header once full, and keep one stored again', () => {
    const cache = new AssessmentHeaderCache();
    for (let i = 0; i < AssessmentHeaderCache.LIMIT; i++) cache.set(`a-${i}`, header(i));
    // Storing a-0 again makes it the newest, so a-1 is the oldest.
    cache.set('a-0', header(0));
    cache.set('a-new', header(-1));
    expect(cache.get('a-0')).toEqual(header(0));
    expect(cache.get('a-1')).toBeUndefined();
    expect(cache.get('a-2')).toEqual(header(2));
    expect(cache.get('a-new')).toEqual(header(-1));
  });
});

const EMPTY: AnswerFields = { level: null, notApplicable: false, rationale: null, markedForReview: false, carriedForward: false };

const stored: AnswerFields = {
  level: 2,
  notApplicable: false,
  rationale: 'We survey yearly.',
  markedForReview: false,
  carriedForward: false,
};

describe('answerAfterSave', () => {
  it('should keep fields a save leaves out, and drop the level of a "not applicable" answer', () => {
    expect(answerAfterSave(stored, { markedForReview: true })).toEqual({ ...stored, markedForReview: true });
    expect(answerAfterSave(stored, { notApplicable: true, rationale: 'No such service.' })).toEqual({
      ...stored,
      level: null,
      notApplicable: true,
      rationale: 'No such service.',
    });
  });

  it('should clear "carried forward" on a new level or a confirmation only', () => {
    const carried = { ...stored, carriedForward: true };
    expect(answerAfterSave(carried, { rationale: 'Still true.' }).carriedForward).toBe(true);
    expect(answerAfterSave(carried, { level: 2 }).carriedForward).toBe(false);
    expect(answerAfterSave(carried, { confirmCarriedForward: true }).carriedForward).toBe(false);
  });
});

describe('staleSaveOutcome', () => {
  const mine = '6f1c1d4e-0000-4000-8000-000000000001';
  const earlier = '6f1c1d4e-0000-4000-8000-000000000002';

  it('should take a save that asks for the answer as stored as already saved, whoever wrote it', () => {
    expect(staleSaveOutcome({ ...stored, lastSaveId: null }, { level: 2 }, [])).toBe('already-saved');
    expect(staleSaveOutcome({ ...stored, lastSaveId: mine }, { level: 2 }, [])).toBe('already-saved');
  });

  it("should apply a save on top of the sender's own earlier save whose reply was lost", () => {
    expect(staleSaveOutcome({ ...stored, lastSaveId: mine }, { level: 3 }, [earlier, mine])).toBe('on-top');
  });

  it('should call anything else a conflict: no id stored, or one the sender does not name', () => {
    expect(staleSaveOutcome({ ...stored, lastSaveId: null }, { level: 3 }, [mine])).toBe('conflict');
    expect(staleSaveOutcome({ ...stored, lastSaveId: earlier }, { level: 3 }, [mine])).toBe('conflict');
    expect(staleSaveOutcome({ ...stored, lastSaveId: mine }, { level: 3 }, [])).toBe('conflict');
  });
});

describe('saves with lost replies, against another writer (a model of the checked save)', () => {
  type Step = { who: 'me'; rationale: string; lost: 'nothing' | 'reply' | 'request' } | { who: 'someone else'; rationale: string };

  it("should never overwrite someone else's save unseen, and never show me my own save as a conflict", () => {
    const rationale = fc.constantFrom('a', 'b', 'c');
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        who: fc.constant('me' as const),
        rationale,
        lost: fc.constantFrom('nothing' as const, 'reply' as const, 'request' as const),
      }),
      fc.record({ who: fc.constant('someone else' as const), rationale }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const stored = { answer: { ...EMPTY }, version: 0, lastSaveId: null as string | null, writers: [] as string[] };
        const me = { version: 0, unanswered: [] as string[] };
        let ids = 0;
        const write = (who: string, change: AnswerChange, saveId: string) => {
          stored.answer = answerAfterSave(stored.answer, change);
          stored.version++;
          stored.lastSaveId = saveId;
          stored.writers.push(who);
        };
        for (const s of steps) {
          const change: AnswerChange = { rationale: s.rationale };
          const saveId = `save-${++ids}`;
          if (s.who === 'someone else') {
            write(s.who, change, saveId); // saved at the version they have just read
            continue;
          }
          if (s.lost === 'request') {
            me.unanswered.push(saveId);
            continue;
          }
          const since = stored.writers.slice(me.version);
          const outcome =
            stored.version === me.version
              ? 'write'
              : staleSaveOutcome({ ...stored.answer, lastSaveId: stored.lastSaveId }, change, me.unanswered);
          if (outcome === 'conflict') {
            // Only ever because someone else saved since the version I know; I then reload.
            expect(since).toContain('someone else');
            me.version = stored.version;
            me.unanswered = [];
            continue;
          }
          if (outcome === 'on-top') expect(since.every((who) => who === 'me')).toBe(true);
          if (outcome !== 'already-saved') write('me', change, saveId);
          expect(stored.answer.rationale).toBe(s.rationale);
          if (s.lost === 'reply') me.unanswered.push(saveId);
          else {
            me.version = stored.version;
            me.unanswered = [];
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('alreadySaved', () => {
  it('should recognise a save that asks for the answer as stored', () => {
    expect(alreadySaved(stored, { level: 2, notApplicable: false, rationale: 'We survey yearly.', markedForReview: false })).toBe(true);
    expect(alreadySaved(stored, { level: 2 })).toBe(true);
    expect(alreadySaved(stored, {})).toBe(true);
  });

  it('should not recognise a save that would change anything', () => {
    expect(alreadySaved(stored, { level: 3 })).toBe(false);
    expect(alreadySaved(stored, { rationale: 'We survey monthly.' })).toBe(false);
    expect(alreadySaved(stored, { rationale: null })).toBe(false);
    expect(alreadySaved(stored, { markedForReview: true })).toBe(false);
    // "Not applicable" stays, so the level would not be stored: not what was asked for.
    expect(alreadySaved({ ...stored, level: null, notApplicable: true }, { level: 2 })).toBe(false);
    // The same level still changes a carried-forward answer: it confirms it.
    expect(alreadySaved({ ...stored, carriedForward: true }, { level: 2 })).toBe(false);
  });

  it('should recognise a save sent again after it was made, and never one that would change the answer', () => {
    const level = fc.option(fc.integer({ min: 0, max: 5 }), { nil: null });
    const rationale = fc.option(fc.constantFrom('a', 'b'), { nil: null });
    const answer = fc.record({
      level,
      notApplicable: fc.boolean(),
      rationale,
      markedForReview: fc.boolean(),
      carriedForward: fc.boolean(),
    });
    const change = fc.record(
      { level, notApplicable: fc.boolean(), rationale, markedForReview: fc.boolean(), confirmCarriedForward: fc.boolean() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(answer, change, (current, save) => {
        const after = answerAfterSave(current, save);
        // Sent again, a save is recognised unless it asked for a level on an answer that stays "not applicable".
        if (!(after.notApplicable && save.level != null)) expect(alreadySaved(after, save)).toBe(true);
        if (alreadySaved(current, save)) expect(after).toEqual(current);
      }),
    );
  });
});
