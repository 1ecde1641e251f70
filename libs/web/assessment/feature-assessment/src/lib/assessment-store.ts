import { Injectable, computed, inject, signal } from '@angular/core';
import {
  AddAssessmentModuleDocument,
  AddEvidenceLinkDocument,
  AvailableModulesDocument,
  FrameworkTextDocument,
  RemoveAssessmentModuleDocument,
  type AvailableModulesQuery,
  type ModuleFieldsFragment,
  AssessmentDetailDocument,
  AssessmentEvidenceDocument,
  AssignCriteriaDocument,
  AssignableUsersDocument,
  CarryForwardAssessmentDocument,
  RemoveEvidenceDocument,
  AssessmentListDocument,
  GraphqlClient,
  LoadState,
  type LoadStatus,
  errorMessage,
  MyAssignmentsDocument,
  SaveCriterionResponseDocument,
  SaveDomainTargetDocument,
  type AssessmentDetailQuery,
  type AssessmentListQuery,
  type AssessmentDetailFieldsFragment,
  type FrameworkFieldsFragment,
  type MyAssignmentsQuery,
  type ResponseFieldsFragment,
  type DomainScoreFieldsFragment,
  type EvidenceFieldsFragment,
  type AssignableUsersQuery,
} from '@cx/web-shared-data-access-graphql';
import { SessionStore } from '@cx/web-auth-data-access';
import { type ResponseDraft, type SaveIds, savedRationale } from './autosave';

export type AssessmentDetail = AssessmentDetailFieldsFragment;
export type Framework = FrameworkFieldsFragment;
export type Domain = Framework['domains'][number];
export type Criterion = Domain['criteria'][number];
export type CriterionResponse = ResponseFieldsFragment;
export type DomainScore = DomainScoreFieldsFragment;
export type DetailCycle = NonNullable<AssessmentDetailQuery['currentCycle']>;
export type ListCycle = NonNullable<AssessmentListQuery['currentCycle']>;
export type AssessmentListItem = AssessmentListQuery['assessments'][number];
export type Assignment = MyAssignmentsQuery['myAssignments'][number];
export type Evidence = EvidenceFieldsFragment;
export type Module = ModuleFieldsFragment;
export type AvailableModule = AvailableModulesQuery['frameworkVersions'][number];
export type AssignableUser = AssignableUsersQuery['assignableUsers'][number];

/** A failed evidence upload: a plain-language message and, when the file itself is the problem, a message for the file field. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly fileError: string | null,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

type Status = LoadStatus;

/**
 * The text of framework versions (domains, criteria, level descriptors), fetched once per version and
 * kept for the session: versions an assessment uses are published, and published versions never change.
 * Moving between an assessment's pages then reloads only its answers.
 */
@Injectable({ providedIn: 'root' })
export class FrameworkTextCache {
  private readonly client = inject(GraphqlClient);
  private readonly versions = new Map<string, Promise<Framework>>();

  get(id: string): Promise<Framework> {
    let text = this.versions.get(id);
    if (!text) {
      text = this.client.request(FrameworkTextDocument, { id }).then((r) => r.frameworkVersion);
      // A failed fetch is not kept, so the next page load tries again.
      text.catch(() => this.versions.delete(id));
      this.versions.set(id, text);
    }
    return text;
  }
}

/** One assessment with its framework: the data behind the overview, domain and summary pages. */
@Injectable()
export class AssessmentStore {
  private readonly client = inject(GraphqlClient);
  private readonly frameworkTexts = inject(FrameworkTextCache);
  private readonly session = inject(SessionStore);
  private readonly state = signal<{
    status: Status;
    error: string | null;
    assessment: AssessmentDetail | null;
    framework: Framework | null;
    cycle: DetailCycle | null;
  }>({ status: 'idle', error: null, assessment: null, framework: null, cycle: null });

  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  readonly assessment = computed(() => this.state().assessment);
  readonly framework = computed(() => this.state().framework);
  readonly cycle = computed(() => this.state().cycle);
  /** Optional modules the agency added (e.g. civic experience): scored and reported apart from the A-11 score. */
  readonly modules = computed(() => this.state().assessment?.supplementalModules ?? []);
  /** Answers to the capacity framework and to every module (criterion codes differ between them). */
  readonly allResponses = computed(() => [...(this.state().assessment?.responses ?? []), ...this.modules().flatMap((m) => m.responses)]);
  readonly responsesByCode = computed(() => new Map(this.allResponses().map((r) => [r.criterionCode, r])));
  readonly targetsByDomain = computed(() => new Map((this.state().assessment?.targets ?? []).map((t) => [t.domainCode, t])));
  readonly scoresByDomain = computed(
    () =>
      new Map(
        [...(this.state().assessment?.scores.domains ?? []), ...this.modules().flatMap((m) => m.scores.domains)].map((d) => [
          d.domainCode,
          d,
        ]),
      ),
  );

  /** The framework (capacity or module) an area belongs to, and whether it is a module. */
  frameworkOfDomain(domainCode: string): { framework: Framework; module: Module | null } | null {
    const capacity = this.state().framework;
    if (capacity?.domains.some((d) => d.code === domainCode)) return { framework: capacity, module: null };
    const module = this.modules().find((m) => m.framework.domains.some((d) => d.code === domainCode));
    return module ? { framework: module.framework, module } : null;
  }
  readonly evidenceByCode = computed(() => {
    const map = new Map<string, Evidence[]>();
    for (const e of this.state().assessment?.evidence ?? []) map.set(e.criterionCode, [...(map.get(e.criterionCode) ?? []), e]);
    return map;
  });

  async load(id: string): Promise<void> {
    this.state.update((s) => ({ ...s, status: s.assessment?.id === id ? s.status : 'loading', error: null }));
    try {
      const { assessment, currentCycle } = await this.client.request(AssessmentDetailDocument, { id });
      const { framework: ref, ...detail } = assessment;
      const framework = await this.frameworkTexts.get(ref.id);
      this.state.set({ status: 'loaded', error: null, assessment: detail, framework, cycle: currentCycle });
    } catch (error) {
      this.state.update((s) => ({ ...s, status: 'error', error: errorMessage(error) }));
    }
  }

  /** Saves one answer; resolves with the answer's new version. Rejects with GraphqlRequestError. */
  async saveResponse(criterionCode: string, draft: ResponseDraft, expectedVersion: number, ids: SaveIds): Promise<number> {
    const assessment = this.requireAssessment();
    const { saveCriterionResponse } = await this.client.request(SaveCriterionResponseDocument, {
      input: {
        assessmentId: assessment.id,
        criterionCode,
        expectedVersion,
        level: draft.notApplicable ? null : draft.level,
        notApplicable: draft.notApplicable,
        rationale: savedRationale(draft.rationale),
        markedForReview: draft.markedForReview,
        ...(draft.confirmCarriedForward ? { confirmCarriedForward: true } : {}),
        saveId: ids.saveId,
        ...(ids.afterSaveIds.length > 0 ? { afterSaveIds: ids.afterSaveIds } : {}),
      },
    });
    const { response, scores, assessmentStatus, frameworkVersionId } = saveCriterionResponse;
    // Only the saved answer and the scores are taken over: the other answers on screen are managed
    // by autosave and are refreshed on reload.
    const withSaved = <T extends { responses: CriterionResponse[] }>(part: T): T => ({
      ...part,
      responses: [...part.responses.filter((r) => r.criterionCode !== response.criterionCode), response],
    });
    this.state.update((s) => {
      if (!s.assessment) return s;
      const a = { ...s.assessment, status: assessmentStatus };
      const isModule = a.supplementalModules.some((m) => m.framework.id === frameworkVersionId);
      return {
        ...s,
        assessment: isModule
          ? {
              ...a,
              supplementalModules: a.supplementalModules.map((m) =>
                m.framework.id === frameworkVersionId ? { ...withSaved(m), scores } : m,
              ),
            }
          : { ...withSaved(a), scores },
      };
    });
    return response.version;
  }

  async saveTarget(domainCode: string, targetLevel: number | null, narrative: string, expectedVersion: number): Promise<void> {
    const assessment = this.requireAssessment();
    const { saveDomainTarget } = await this.client.request(SaveDomainTargetDocument, {
      input: {
        assessmentId: assessment.id,
        domainCode,
        targetLevel,
        narrative: narrative.trim() === '' ? null : narrative,
        expectedVersion,
      },
    });
    this.state.update((s) => ({ ...s, assessment: saveDomainTarget }));
  }

  /** Adds a link as evidence. Rejects with GraphqlRequestError (field errors on title and url). */
  async addEvidenceLink(criterionCode: string, title: string, url: string): Promise<void> {
    const assessment = this.requireAssessment();
    const { addEvidenceLink } = await this.client.request(AddEvidenceLinkDocument, {
      input: { assessmentId: assessment.id, criterionCode, title, url },
    });
    this.setEvidence(addEvidenceLink.evidence);
  }

  async removeEvidence(id: string): Promise<void> {
    const { removeEvidence } = await this.client.request(RemoveEvidenceDocument, { id });
    this.setEvidence(removeEvidence.evidence);
  }

  /** Uploads a file as evidence (multipart over plain HTTP). Rejects with {@link UploadError}. */
  async uploadEvidence(criterionCode: string, title: string, file: File): Promise<void> {
    const assessment = this.requireAssessment();
    const body = new FormData();
    body.append('title', title);
    body.append('file', file, file.name);
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.session.viewer()?.csrfToken;
    if (token) headers['x-csrf-token'] = token;
    let response: Response;
    try {
      response = await fetch(
        `/api/assessments/${encodeURIComponent(assessment.id)}/criteria/${encodeURIComponent(criterionCode)}/evidence`,
        { method: 'POST', credentials: 'same-origin', headers, body },
      );
    } catch {
      throw new UploadError('We could not reach the server. Check your connection and try again.', null);
    }
    if (!response.ok) throw await toUploadError(response);
    const { assessment: fresh } = await this.client.request(AssessmentEvidenceDocument, { id: assessment.id });
    this.setEvidence(fresh.evidence);
  }

  async assignableUsers(): Promise<AssignableUser[]> {
    const assessment = this.requireAssessment();
    const { assignableUsers } = await this.client.request(AssignableUsersDocument, { assessmentId: assessment.id });
    return assignableUsers;
  }

  /** Assigns (or, with a null assignee, unassigns) every question of an area, then reloads. */
  async assignDomain(domainCode: string, assigneeUserId: string | null, dueOn: string | null): Promise<void> {
    const assessment = this.requireAssessment();
    await this.client.request(AssignCriteriaDocument, {
      input: { assessmentId: assessment.id, domainCode, assigneeUserId, dueOn: assigneeUserId ? dueOn : null },
    });
    await this.load(assessment.id);
  }

  /** Copies last year's answers into the unanswered questions; resolves with how many were carried forward. */
  async carryForward(): Promise<number> {
    const assessment = this.requireAssessment();
    const before = assessment.responses.filter((r) => r.carriedForward).length;
    const { carryForwardAssessment } = await this.client.request(CarryForwardAssessmentDocument, { assessmentId: assessment.id });
    this.state.update((s) => ({ ...s, assessment: carryForwardAssessment }));
    return carryForwardAssessment.responses.filter((r) => r.carriedForward).length - before;
  }

  /** Published optional modules (e.g. civic experience) that can be added. */
  async availableModules(): Promise<AvailableModule[]> {
    const { frameworkVersions } = await this.client.request(AvailableModulesDocument, {});
    return frameworkVersions.filter((f) => f.kind === 'SUPPLEMENTAL' && f.status === 'PUBLISHED');
  }

  async addModule(frameworkVersionId: string): Promise<void> {
    const assessment = this.requireAssessment();
    const { addAssessmentModule } = await this.client.request(AddAssessmentModuleDocument, {
      assessmentId: assessment.id,
      frameworkVersionId,
    });
    this.state.update((s) => ({ ...s, assessment: addAssessmentModule }));
  }

  async removeModule(frameworkVersionId: string): Promise<void> {
    const assessment = this.requireAssessment();
    const { removeAssessmentModule } = await this.client.request(RemoveAssessmentModuleDocument, {
      assessmentId: assessment.id,
      frameworkVersionId,
    });
    this.state.update((s) => ({ ...s, assessment: removeAssessmentModule }));
  }

  private setEvidence(evidence: Evidence[]): void {
    this.state.update((s) => (s.assessment ? { ...s, assessment: { ...s.assessment, evidence } } : s));
  }

  private requireAssessment(): AssessmentDetail {
    const assessment = this.state().assessment;
    if (!assessment) throw new Error('The assessment is not loaded.');
    return assessment;
  }
}

const UPLOAD_MESSAGES: Readonly<Record<number, string>> = {
  400: 'This file could not be attached.',
  403: 'You do not have permission to add evidence to this question.',
  404: 'We could not find this question.',
  409: 'This assessment can no longer change.',
  413: 'This file is larger than 10 MB. Attach a smaller file or a link.',
  503: 'We could not check this file for viruses just now, so it was not attached. Try again in a few minutes.',
};

interface UploadErrorBody {
  error?: { message?: string; fieldErrors?: { path?: string; message?: string }[] };
}

async function toUploadError(response: Response): Promise<UploadError> {
  let body: UploadErrorBody | null;
  try {
    body = (await response.json()) as UploadErrorBody;
  } catch {
    body = null;
  }
  const fileError = body?.error?.fieldErrors?.find((f) => f.path === 'file')?.message ?? null;
  const otherField = body?.error?.fieldErrors?.find((f) => f.path !== 'file')?.message ?? null;
  const fallback = response.status === 413 ? UPLOAD_MESSAGES[413] : null;
  const message =
    fileError ?? otherField ?? body?.error?.message ?? UPLOAD_MESSAGES[response.status] ?? 'Something went wrong on our side. Try again.';
  return new UploadError(message, fileError ?? fallback);
}

/** The assessments in the viewer's scope for the current cycle. */
@Injectable()
export class AssessmentListStore {
  private readonly client = inject(GraphqlClient);
  private readonly list = new LoadState<{ items: AssessmentListItem[]; cycle: ListCycle | null }>({ items: [], cycle: null });

  readonly status = this.list.status;
  readonly error = this.list.error;
  readonly items = computed(() => this.list.data().items);
  readonly cycle = computed(() => this.list.data().cycle);

  load(): Promise<void> {
    return this.list.load(async () => {
      const { assessments, currentCycle } = await this.client.request(AssessmentListDocument);
      return { items: [...assessments].sort((a, b) => a.organizationName.localeCompare(b.organizationName)), cycle: currentCycle };
    });
  }
}

/** The questions assigned to the viewer in open cycles. */
@Injectable()
export class MyAssignmentsStore {
  private readonly client = inject(GraphqlClient);
  private readonly list = new LoadState<Assignment[]>([]);

  readonly status = this.list.status;
  readonly error = this.list.error;
  readonly items = this.list.data;

  load(): Promise<void> {
    return this.list.load(async () => (await this.client.request(MyAssignmentsDocument)).myAssignments);
  }
}
