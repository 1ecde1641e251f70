import fc from 'fast-check';

import { alreadySaved, type AnswerFields, answerAfterSave, AssessmentHeaderCache, staleSaveOutcome } from './answer-write';

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
