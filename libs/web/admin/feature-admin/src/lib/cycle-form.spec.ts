import { EMPTY_CYCLE_FORM, describeOpenCycle, toCycleFieldErrors, toOpenCycleInput, validateCycleForm, type CycleForm } from './cycle-form';

const VALID: CycleForm = {
  fiscalYear: '2028',
  name: '',
  frameworkVersionId: 'fw-1',
  assessmentDueOn: '2028-01-28',
  draftPlanDueOn: '2028-04-28',
  finalPlanDueOn: '2028-09-15',
};

describe('validateCycleForm', () => {
  it('should report every empty required field', () => {
    expect(Object.keys(validateCycleForm(EMPTY_CYCLE_FORM)).sort()).toEqual(
      ['assessmentDueOn', 'draftPlanDueOn', 'finalPlanDueOn', 'fiscalYear', 'frameworkVersionId'].sort(),
    );
  });

  it('should refuse a fiscal year that is not 4 digits from 2018 to 2100', () => {
    for (const fiscalYear of ['28', '2017', '2101', '20x8']) {
      expect(validateCycleForm({ ...VALID, fiscalYear }).fiscalYear).toBe('Enter the fiscal year as 4 digits, from 2018 to 2100.');
    }
  });

  it('should accept a complete form and leave date order to the API', () => {
    expect(validateCycleForm(VALID)).toEqual({});
    expect(validateCycleForm({ ...VALID, draftPlanDueOn: '2027-01-01' })).toEqual({});
  });
});

describe('toCycleFieldErrors', () => {
  it('should map API paths such as input.draftPlanDueOn to the form fields', () => {
    const { fields, other } = toCycleFieldErrors([
      { path: 'input.draftPlanDueOn', message: 'The draft plan is due after the assessment.' },
      { path: 'input.frameworkVersionId', message: 'Choose a published capacity framework.' },
    ]);

    expect(fields).toEqual({
      draftPlanDueOn: 'The draft plan is due after the assessment.',
      frameworkVersionId: 'Choose a published capacity framework.',
    });
    expect(other).toEqual([]);
  });

  it('should keep the first message per field and return problems that match no field', () => {
    const { fields, other } = toCycleFieldErrors([
      { path: 'input.fiscalYear', message: 'first' },
      { path: 'input.fiscalYear', message: 'second' },
      { path: 'input', message: 'Something about the whole form.' },
    ]);

    expect(fields).toEqual({ fiscalYear: 'first' });
    expect(other).toEqual(['Something about the whole form.']);
  });
});

describe('toOpenCycleInput', () => {
  it('should send the year as a number and leave out a blank name', () => {
    expect(toOpenCycleInput({ ...VALID, fiscalYear: ' 2028 ', name: '  ' })).toEqual({
      fiscalYear: 2028,
      frameworkVersionId: 'fw-1',
      assessmentDueOn: '2028-01-28',
      draftPlanDueOn: '2028-04-28',
      finalPlanDueOn: '2028-09-15',
    });
    expect(toOpenCycleInput({ ...VALID, name: ' FY 2028 pilot ' }).name).toBe('FY 2028 pilot');
  });
});

describe('describeOpenCycle', () => {
  it('should give the number of assessments created', () => {
    expect(describeOpenCycle(2028, 15)).toBe('FY 2028 opened: 15 assessments created.');
    expect(describeOpenCycle(2028, 1)).toBe('FY 2028 opened: 1 assessment created.');
  });

  it('should say nothing new was created when run again', () => {
    expect(describeOpenCycle(2028, 0)).toMatch(/^FY 2028 opened: nothing new created\./);
  });
});
