import { assessmentCsv, csvCell } from './assessment-csv';
import type { CriterionResponse, Evidence, Framework } from './assessment-store';

const levels = [1, 2, 3].map((value) => ({ value, descriptor: `Level ${value} means this` }));
const framework = {
  id: 'f1',
  name: 'A-11 capacity',
  version: '2027.1',
  domainMaxPoints: 7,
  scoringDescription: '',
  scale: [],
  domains: [
    {
      code: 'MEA',
      name: 'Measurement',
      description: '',
      criteria: [
        { code: 'MEA-1', statement: 'We ask for feedback, often.', guidance: '', evidencePrompt: '', levels },
        { code: 'MEA-2', statement: 'We publish results', guidance: '', evidencePrompt: '', levels },
      ],
    },
  ],
} as unknown as Framework;
const response = (changes: Partial<CriterionResponse>): CriterionResponse =>
  ({
    id: 'r1',
    criterionCode: 'MEA-1',
    level: 2,
    notApplicable: false,
    rationale: null,
    markedForReview: false,
    carriedForward: false,
    editable: true,
    version: 3,
    dueOn: '2027-01-15',
    updatedAt: '2026-11-24T13:05:09.000Z',
    assignee: { id: 'u2', displayName: 'Ben Carter' },
    updatedBy: { id: 'u1', displayName: 'Alicia Gomez' },
    ...changes,
  }) as CriterionResponse;

describe(csvCell.name, () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "yes"', '"say ""yes"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1 800', "'+1 800"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('should write %j as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('should leave numbers and empty values alone', () => {
    expect([csvCell(-2), csvCell(3), csvCell(null), csvCell(undefined)]).toEqual(['-2', '3', '', '']);
  });
});

describe(assessmentCsv.name, () => {
  it('should write one row per question, answered or not, with a byte-order mark and CRLF lines', () => {
    const csv = assessmentCsv({
      parts: [{ framework, moduleName: null }],
      responses: new Map([['MEA-1', response({ rationale: '=cmd|/c calc', markedForReview: true })]]),
      evidence: new Map([['MEA-1', [{ title: 'Survey, 2026' }, { title: 'Dashboard' }] as Evidence[]]]),
      targets: new Map([['MEA', 3]]),
    });

    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toEqual([
      'Framework,Area,Area target level,Question code,Question,Level,Level description,Does not apply,Rationale,Flagged for review,' +
        '"Carried forward, not yet confirmed",Assigned to,Due,Evidence,Last changed by,Last changed at (UTC)',
      'A-11 capacity,Measurement,3,MEA-1,"We ask for feedback, often.",2,Level 2 means this,No,\'=cmd|/c calc,Yes,No,Ben Carter,2027-01-15,' +
        '"Survey, 2026; Dashboard",Alicia Gomez,2026-11-24 13:05',
      'A-11 capacity,Measurement,3,MEA-2,We publish results,,,No,,No,No,,,,,',
      '',
    ]);
  });

  it('should leave the level out of an answer that does not apply, and name the module of its questions', () => {
    const csv = assessmentCsv({
      parts: [{ framework, moduleName: 'Civic experience' }],
      responses: new Map([['MEA-2', response({ criterionCode: 'MEA-2', level: null, notApplicable: true, rationale: 'No such service' })]]),
      evidence: new Map(),
      targets: new Map(),
    });
    expect(csv.split('\r\n')[2]).toBe(
      'Civic experience,Measurement,,MEA-2,We publish results,,,Yes,No such service,No,No,Ben Carter,2027-01-15,,Alicia Gomez,2026-11-24 13:05',
    );
  });
});
