import type { CriterionResponse, Evidence, Framework } from './assessment-store';

/** What the export reads: everything is already on the page (so the API's scoping applies unchanged). */
export interface AssessmentCsvSource {
  /** The capacity framework first, then each module with its name. */
  parts: ReadonlyArray<{ framework: Framework; moduleName: string | null }>;
  responses: ReadonlyMap<string, CriterionResponse>;
  evidence: ReadonlyMap<string, readonly Evidence[]>;
  targets: ReadonlyMap<string, number | null>;
}

const HEADER = [
  'Framework',
  'Area',
  'Area target level',
  'Question code',
  'Question',
  'Level',
  'Level description',
  'Does not apply',
  'Rationale',
  'Flagged for review',
  'Carried forward, not yet confirmed',
  'Assigned to',
  'Due',
  'Evidence',
  'Last changed by',
  'Last changed at (UTC)',
];

/**
 * One cell of RFC 4180 CSV. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or
 * carriage return) gets a leading apostrophe, as OWASP advises against CSV injection: rationales and evidence titles
 * are typed by people.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');

/** Every question of the assessment, one row each, in the frameworks' order; a byte-order mark for Excel. */
export function assessmentCsv(source: AssessmentCsvSource): string {
  const rows: string[][] = [HEADER.map(csvCell)];
  for (const { framework, moduleName } of source.parts) {
    for (const domain of framework.domains) {
      for (const criterion of domain.criteria) {
        const r = source.responses.get(criterion.code);
        const evidence = source.evidence.get(criterion.code) ?? [];
        const level = r && !r.notApplicable ? r.level : null;
        rows.push(
          [
            moduleName ?? framework.name,
            domain.name,
            source.targets.get(domain.code) ?? null,
            criterion.code,
            criterion.statement,
            level,
            level === null ? null : (criterion.levels.find((l) => l.value === level)?.descriptor ?? null),
            yesNo(r?.notApplicable ?? false),
            r?.rationale ?? null,
            yesNo(r?.markedForReview ?? false),
            yesNo(r?.carriedForward ?? false),
            r?.assignee?.displayName ?? null,
            r?.dueOn ?? null,
            evidence.map((e) => e.title).join('; ') || null,
            r?.updatedBy?.displayName ?? null,
            r && r.version > 0 ? new Date(r.updatedAt).toISOString().replace('T', ' ').slice(0, 16) : null,
          ].map(csvCell),
        );
      }
    }
  }
  return `\uFEFF${rows.map((row) => row.join(',')).join('\r\n')}\r\n`;
}
