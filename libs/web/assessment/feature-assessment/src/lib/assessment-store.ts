import { Injectable, computed, inject, signal } from '@angular/core';
import {
  AssessmentDetailDocument,
  AssessmentListDocument,
  GraphqlClient,
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
} from '@cx/web-shared-data-access-graphql';
import type { ResponseDraft } from './autosave';

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

type Status = 'idle' | 'loading' | 'loaded' | 'error';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One assessment with its framework: the data behind the overview, domain and summary pages. */
@Injectable()
export class AssessmentStore {
  private readonly client = inject(GraphqlClient);
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
  readonly responsesByCode = computed(() => new Map((this.state().assessment?.responses ?? []).map((r) => [r.criterionCode, r])));
  readonly targetsByDomain = computed(() => new Map((this.state().assessment?.targets ?? []).map((t) => [t.domainCode, t])));
  readonly scoresByDomain = computed(() => new Map((this.state().assessment?.scores.domains ?? []).map((d) => [d.domainCode, d])));

  async load(id: string): Promise<void> {
    this.state.update((s) => ({ ...s, status: s.assessment?.id === id ? s.status : 'loading', error: null }));
    try {
      const { assessment, currentCycle } = await this.client.request(AssessmentDetailDocument, { id });
      const { framework, ...detail } = assessment;
      this.state.set({ status: 'loaded', error: null, assessment: detail, framework, cycle: currentCycle });
    } catch (error) {
      this.state.update((s) => ({ ...s, status: 'error', error: message(error) }));
    }
  }

  /** Saves one answer; resolves with the answer's new version. Rejects with GraphqlRequestError. */
  async saveResponse(criterionCode: string, draft: ResponseDraft, expectedVersion: number): Promise<number> {
    const assessment = this.requireAssessment();
    const { saveCriterionResponse } = await this.client.request(SaveCriterionResponseDocument, {
      input: {
        assessmentId: assessment.id,
        criterionCode,
        expectedVersion,
        level: draft.notApplicable ? null : draft.level,
        notApplicable: draft.notApplicable,
        rationale: draft.rationale.trim() === '' ? null : draft.rationale,
        markedForReview: draft.markedForReview,
        ...(draft.confirmCarriedForward ? { confirmCarriedForward: true } : {}),
      },
    });
    this.replace(saveCriterionResponse, criterionCode);
    return saveCriterionResponse.responses.find((r) => r.criterionCode === criterionCode)?.version ?? expectedVersion + 1;
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

  /**
   * Takes a save's result. Only the saved answer, targets and scores are taken over:
   * the other answers on screen are managed by autosave and are refreshed on reload.
   */
  private replace(next: AssessmentDetail, savedCode: string): void {
    this.state.update((s) => {
      if (!s.assessment) return { ...s, assessment: next };
      const saved = next.responses.find((r) => r.criterionCode === savedCode);
      const others = s.assessment.responses.filter((r) => r.criterionCode !== savedCode);
      return {
        ...s,
        assessment: { ...next, responses: saved ? [...others, saved] : others },
      };
    });
  }

  private requireAssessment(): AssessmentDetail {
    const assessment = this.state().assessment;
    if (!assessment) throw new Error('The assessment is not loaded.');
    return assessment;
  }
}

/** The assessments in the viewer's scope for the current cycle. */
@Injectable()
export class AssessmentListStore {
  private readonly client = inject(GraphqlClient);
  private readonly state = signal<{ status: Status; error: string | null; items: AssessmentListItem[]; cycle: ListCycle | null }>({
    status: 'idle',
    error: null,
    items: [],
    cycle: null,
  });

  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  readonly items = computed(() => this.state().items);
  readonly cycle = computed(() => this.state().cycle);

  async load(): Promise<void> {
    this.state.update((s) => ({ ...s, status: 'loading', error: null }));
    try {
      const { assessments, currentCycle } = await this.client.request(AssessmentListDocument);
      const items = [...assessments].sort((a, b) => a.organizationName.localeCompare(b.organizationName));
      this.state.set({ status: 'loaded', error: null, items, cycle: currentCycle });
    } catch (error) {
      this.state.update((s) => ({ ...s, status: 'error', error: message(error) }));
    }
  }
}

/** The questions assigned to the viewer in open cycles. */
@Injectable()
export class MyAssignmentsStore {
  private readonly client = inject(GraphqlClient);
  private readonly state = signal<{ status: Status; error: string | null; items: Assignment[] }>({
    status: 'idle',
    error: null,
    items: [],
  });

  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  readonly items = computed(() => this.state().items);

  async load(): Promise<void> {
    this.state.update((s) => ({ ...s, status: 'loading', error: null }));
    try {
      const { myAssignments } = await this.client.request(MyAssignmentsDocument);
      this.state.set({ status: 'loaded', error: null, items: myAssignments });
    } catch (error) {
      this.state.update((s) => ({ ...s, status: 'error', error: message(error) }));
    }
  }
}
