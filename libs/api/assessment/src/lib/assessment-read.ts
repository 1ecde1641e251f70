import { prepared } from '@cx/api-shared-database';
import { type Actor, inScope, organizationScope } from '@cx/api-shared-graphql';
import { computeAssessmentScores, type FrameworkFile } from '@cx/shared-assessment-model';
import { AGENCY_ROLES, Role } from '@cx/shared-domain';

import type { CachedFramework } from './framework-cache';
import type {
  AssessmentModel,
  AssessmentScoresModel,
  CriterionResponseModel,
  DomainTargetModel,
  SupplementalModuleModel,
} from './models/assessment.model';
import type { EvidenceModel } from './models/evidence.model';
import type { FrameworkVersionModel } from './models/framework.model';

export const LOCKED_STATUSES: ReadonlySet<string> = new Set(['SUBMITTED', 'ACCEPTED']);

/** One answer as the read statement aggregates it (JSON). */
interface ResponseJson {
  id: string;
  frameworkVersionId: string;
  criterionCode: string;
  level: number | null;
  notApplicable: boolean;
  rationale: string | null;
  markedForReview: boolean;
  carriedForward: boolean;
  assigneeUserId: string | null;
  assigneeName: string | null;
  dueOn: string | null;
  version: number;
  updatedByUserId: string | null;
  updatedByName: string | null;
  updatedAt: string;
}

interface TargetJson {
  frameworkVersionId: string;
  domainCode: string;
  targetLevel: number | null;
  narrative: string | null;
  version: number;
}

interface EvidenceJson {
  id: string;
  criterionCode: string;
  kind: string;
  title: string;
  url: string | null;
  fileName: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  createdAt: string;
}

/** An assessment with everything its detail needs, as one row of ASSESSMENT_DETAIL_SQL. */
export interface AssessmentRow {
  id: string;
  cycle_id: string;
  cycle_status: string;
  organization_id: string;
  organization_name: string;
  fiscal_year: number;
  framework_version_id: string;
  supplements: string[];
  status: string;
  updated_at: Date;
  responses: ResponseJson[];
  targets: TargetJson[];
  evidence: EvidenceJson[];
  previous_id: string | null;
  previous_framework_version_id: string | null;
  previous_responses: Array<{ criterionCode: string; level: number | null; notApplicable: boolean }>;
  /** Status of the capacity framework and each module, by id: read here because a cached version may since have been retired. */
  framework_statuses: Record<string, string> | null;
}

/**
 * Whole assessments (answers with their people, targets, evidence metadata, last year's answers) in ONE
 * statement, whatever their size: related rows come back as JSON arrays built by the database, which is
 * cheaper for the API than hydrating entities from several result sets. $1: assessment ids. Prepared: every
 * load runs it.
 */
export const ASSESSMENT_DETAIL_SQL = prepared(`
SELECT a.id, a.cycle_id, c.status AS cycle_status, a.organization_id, o.name AS organization_name, c.fiscal_year, a.framework_version_id,
       a.supplemental_framework_version_ids AS supplements, a.status, a.updated_at,
       COALESCE((SELECT json_agg(json_build_object(
                  'id', r.id, 'frameworkVersionId', r.framework_version_id, 'criterionCode', r.criterion_code,
                  'level', r.level, 'notApplicable', r.not_applicable, 'rationale', r.rationale,
                  'markedForReview', r.marked_for_review, 'carriedForward', r.carried_forward,
                  'assigneeUserId', r.assignee_user_id, 'assigneeName', au.display_name, 'dueOn', r.due_on,
                  'version', r.version, 'updatedByUserId', r.updated_by_user_id, 'updatedByName', uu.display_name,
                  'updatedAt', r.updated_at) ORDER BY r.criterion_code)
                   FROM criterion_response r
                   LEFT JOIN app_user au ON au.id = r.assignee_user_id
                   LEFT JOIN app_user uu ON uu.id = r.updated_by_user_id
                  WHERE r.assessment_id = a.id), '[]'::json) AS responses,
       COALESCE((SELECT json_agg(json_build_object(
                  'frameworkVersionId', t.framework_version_id, 'domainCode', t.domain_code, 'targetLevel', t.target_level,
                  'narrative', t.narrative, 'version', t.version) ORDER BY t.domain_code)
                   FROM domain_target t WHERE t.assessment_id = a.id), '[]'::json) AS targets,
       COALESCE((SELECT json_agg(json_build_object(
                  'id', e.id, 'criterionCode', e.criterion_code, 'kind', e.kind, 'title', e.title, 'url', e.url,
                  'fileName', e.file_name, 'contentType', e.content_type, 'sizeBytes', e.size_bytes, 'sha256', e.sha256,
                  'createdAt', e.created_at) ORDER BY e.created_at, e.id)
                   FROM evidence e WHERE e.assessment_id = a.id), '[]'::json) AS evidence,
       prev.id AS previous_id, prev.framework_version_id AS previous_framework_version_id,
       COALESCE((SELECT json_agg(json_build_object(
                  'criterionCode', pr.criterion_code, 'level', pr.level, 'notApplicable', pr.not_applicable))
                   FROM criterion_response pr
                  WHERE pr.assessment_id = prev.id AND pr.framework_version_id = prev.framework_version_id), '[]'::json)
         AS previous_responses,
       (SELECT json_object_agg(fv.id, fv.status) FROM framework_version fv
         WHERE fv.id IN (SELECT a.framework_version_id UNION ALL
                         SELECT m::uuid FROM jsonb_array_elements_text(a.supplemental_framework_version_ids) m)) AS framework_statuses
  FROM assessment a
  JOIN cycle c ON c.id = a.cycle_id
  JOIN organization o ON o.id = a.organization_id
  LEFT JOIN LATERAL (
        SELECT p.id, p.framework_version_id FROM assessment p JOIN cycle pc ON pc.id = p.cycle_id
         WHERE p.organization_id = a.organization_id AND pc.fiscal_year < c.fiscal_year
         ORDER BY pc.fiscal_year DESC LIMIT 1) prev ON true
 WHERE a.id = ANY($1::uuid[])
 ORDER BY a.created_at, a.id`);

/** Scores in the API's shape; OMB users of a draft get completion only. */
export function toScoresModel(
  file: FrameworkFile,
  responses: ReadonlyArray<{ criterionCode: string; level: number | null; notApplicable: boolean; markedForReview: boolean }>,
  targets: ReadonlyArray<{ domainCode: string; targetLevel: number | null }>,
  contentsVisible: boolean,
): AssessmentScoresModel {
  const scores = computeAssessmentScores(
    file,
    responses.map((r) => ({ criterionCode: r.criterionCode, level: r.level, notApplicable: r.notApplicable })),
    targets,
  );
  const review = new Set<string>();
  for (const r of responses) if (r.markedForReview) review.add(r.criterionCode);
  return {
    total: contentsVisible ? scores.total : null,
    maxTotal: scores.maxTotal,
    completion: scores.completion,
    // Scores list the domains in the framework's order.
    domains: scores.domains.map((d, i) => {
      const domain = file.domains[i];
      let markedForReview = 0;
      if (review.size > 0) for (const c of domain?.criteria ?? []) if (review.has(c.code)) markedForReview++;
      return {
        ...d,
        criteriaBelowTarget: [...d.criteriaBelowTarget],
        domainName: domain?.name ?? d.domainCode,
        markedForReview,
        ...(contentsVisible ? {} : { score: null, currentLevel: null, gap: null, criteriaBelowTarget: [] }),
      };
    }),
  };
}

function toResponseModel(r: ResponseJson, editable: boolean): CriterionResponseModel {
  return {
    id: r.id,
    criterionCode: r.criterionCode,
    level: r.level,
    notApplicable: r.notApplicable,
    rationale: r.rationale,
    markedForReview: r.markedForReview,
    carriedForward: r.carriedForward,
    assignee: r.assigneeUserId ? { id: r.assigneeUserId, displayName: r.assigneeName ?? '' } : null,
    dueOn: r.dueOn,
    version: r.version,
    updatedBy: r.updatedByUserId ? { id: r.updatedByUserId, displayName: r.updatedByName ?? '' } : null,
    updatedAt: new Date(r.updatedAt),
    editable,
  };
}

function toEvidenceModel(e: EvidenceJson): EvidenceModel {
  return {
    ...e,
    downloadPath: e.kind === 'FILE' ? `/api/evidence/${e.id}/download` : null,
    createdAt: new Date(e.createdAt),
  };
}

/**
 * Builds what `actor` may see of one assessment. OMB users see progress, not answers, until the agency
 * submits; contributors may edit only what is assigned to them; nothing is editable once submitted.
 */
export function toAssessmentModel(
  actor: Actor,
  row: AssessmentRow,
  frameworks: ReadonlyMap<string, CachedFramework>,
): AssessmentModel | null {
  const main = frameworks.get(row.framework_version_id);
  if (!main) return null;
  const locked = LOCKED_STATUSES.has(row.status);
  // A closed cycle is read-only too, whatever each assessment's status.
  const readOnly = locked || row.cycle_status === 'CLOSED';
  const isLead = inScope(organizationScope(actor, [Role.AGENCY_CX_LEAD]), row.organization_id);
  const contentsVisible = inScope(organizationScope(actor, AGENCY_ROLES), row.organization_id) || locked || row.status === 'RETURNED';
  const editable = (r: ResponseJson) => !readOnly && (isLead || r.assigneeUserId === actor.userId);
  const visible = <T>(items: T[]): T[] => (contentsVisible ? items : []);

  const part = (framework: CachedFramework) => {
    const file = framework.entity.definition as unknown as FrameworkFile;
    const responses = row.responses.filter((r) => r.frameworkVersionId === framework.entity.id);
    const targets = row.targets.filter((t) => t.frameworkVersionId === framework.entity.id);
    return {
      file,
      responses: responses.map((r) => toResponseModel(r, editable(r))),
      targets: targets.map((t): DomainTargetModel => ({
        domainCode: t.domainCode,
        targetLevel: t.targetLevel,
        narrative: t.narrative,
        version: t.version,
      })),
      scores: toScoresModel(file, responses, targets, contentsVisible),
    };
  };

  /** The cached text with the status read with this assessment (a retire elsewhere does not reach this process's cache). */
  const modelOf = (framework: CachedFramework): FrameworkVersionModel => {
    const status = row.framework_statuses?.[framework.entity.id];
    return status && status !== framework.model.status ? { ...framework.model, status } : framework.model;
  };
  const capacity = part(main);
  const supplementalModules = row.supplements.flatMap((id): SupplementalModuleModel[] => {
    const framework = frameworks.get(id);
    if (!framework) return [];
    const module = part(framework);
    return [{ framework: modelOf(framework), responses: visible(module.responses), scores: module.scores }];
  });

  const previousFramework = row.previous_framework_version_id ? frameworks.get(row.previous_framework_version_id) : undefined;
  const previousScores = previousFramework
    ? computeAssessmentScores(previousFramework.entity.definition as unknown as FrameworkFile, row.previous_responses, [])
    : null;
  const yearOverYear = visible(
    capacity.scores.domains.map((d) => {
      const before = previousScores?.domains.find((p) => p.domainCode === d.domainCode);
      const change = before?.score != null && d.score != null ? Math.round((d.score - before.score) * 100) / 100 : null;
      return {
        domainCode: d.domainCode,
        previousScore: before?.score ?? null,
        previousLevel: before?.currentLevel ?? null,
        currentScore: d.score,
        change,
      };
    }),
  );

  return {
    id: row.id,
    cycleId: row.cycle_id,
    fiscalYear: row.fiscal_year,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    status: row.status,
    framework: modelOf(main),
    contentsVisible,
    canEdit: !readOnly && (isLead || row.responses.some((r) => r.assigneeUserId === actor.userId)),
    responses: visible(capacity.responses),
    targets: visible(capacity.targets),
    scores: capacity.scores,
    supplementalModules,
    previousAssessmentId: row.previous_id,
    evidence: visible(row.evidence.map(toEvidenceModel)),
    yearOverYear,
    updatedAt: new Date(row.updated_at),
  };
}
