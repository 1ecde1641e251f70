import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { toSignal } from '@angular/core/rxjs-interop';
import { ErrorCode, Role, isOmbRole } from '@cx/shared-domain';
import { SessionStore } from '@cx/web-auth-data-access';
import { errorMessage, isGraphqlRequestError } from '@cx/web-shared-data-access-graphql';
import { Alert, LoadingIndicator } from '@cx/web-shared-ui';
import { AssessmentStore, type AssignableUser, type Criterion, type CriterionResponse } from './assessment-store';
import { AutosaveQueue, type ResponseDraft } from './autosave';
import { draftKeyPrefix } from './draft-store';
import { CriterionEditor, type DraftEdit } from './criterion-editor';
import { clockTime, formatDate } from './format';
import { Presence } from './presence';

function toDraft(r: CriterionResponse): ResponseDraft {
  return {
    level: r.level,
    notApplicable: r.notApplicable,
    rationale: r.rationale ?? '',
    markedForReview: r.markedForReview,
    confirmCarriedForward: false,
  };
}

/** The questionnaire for one area (domain) of an assessment, with autosave. */
@Component({
  selector: 'cx-domain-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, LoadingIndicator, Presence, RouterLink, CriterionEditor],
  providers: [AssessmentStore],
  templateUrl: './domain-page.html',
})
export class DomainPage {
  /** Route parameters (component input binding). */
  readonly id = input.required<string>();
  readonly domainCode = input.required<string>();

  protected readonly store = inject(AssessmentStore);
  private readonly session = inject(SessionStore);
  private readonly fragment = toSignal(inject(ActivatedRoute).fragment, { initialValue: null });

  protected readonly queue = signal<AutosaveQueue | null>(null);
  /** The capacity framework, or the optional module this area belongs to. */
  protected readonly owner = computed(() => {
    const capacity = this.store.framework();
    return this.store.frameworkOfDomain(this.domainCode()) ?? (capacity ? { framework: capacity, module: null } : null);
  });
  protected readonly domains = computed(() => this.owner()?.framework.domains ?? []);
  protected readonly domainIndex = computed(() => this.domains().findIndex((d) => d.code === this.domainCode()));
  protected readonly domain = computed(() => this.domains()[this.domainIndex()] ?? null);
  protected readonly previous = computed(() => (this.domainIndex() > 0 ? this.domains()[this.domainIndex() - 1] : null));
  protected readonly next = computed(() => {
    const i = this.domainIndex();
    return i >= 0 && i < this.domains().length - 1 ? this.domains()[i + 1] : null;
  });
  protected readonly scale = computed(() => (this.owner()?.framework.scale ?? []).map((s) => ({ value: s.value, label: s.label })));
  protected readonly assessment = this.store.assessment;
  protected readonly isLeadHere = computed(() => {
    const orgId = this.assessment()?.organizationId;
    return this.session.roleAssignments().some((r) => r.role === Role.AGENCY_CX_LEAD && r.organization.id === orgId);
  });
  protected readonly canAssign = computed(() => this.isLeadHere() && (this.assessment()?.canEdit ?? false));
  // Targets are set for the capacity areas; modules are reported without targets.
  protected readonly canSetTarget = computed(() => this.isLeadHere() && (this.assessment()?.canEdit ?? false) && !this.owner()?.module);
  protected readonly isOmb = computed(() => this.session.roles().some(isOmbRole));

  protected readonly summary = computed(() => this.queue()?.summary() ?? null);
  protected readonly summaryText = computed(() => {
    const s = this.summary();
    if (!s) return '';
    if (s.saving > 0) return 'Saving…';
    if (s.lastSavedAt) return `All changes saved at ${clockTime(s.lastSavedAt)}`;
    return 'Your answers save automatically as you work.';
  });
  protected readonly problemItems = computed(() => {
    const queue = this.queue();
    const domain = this.domain();
    if (!queue || !domain) return [];
    const states = queue.states();
    const firstLevel = this.scale()[0]?.value ?? 1;
    return domain.criteria.flatMap((c, i) => {
      const state = states[c.code];
      if (!state || (state.kind !== 'error' && state.kind !== 'invalid')) return [];
      const problems =
        state.problems.length > 0 ? state.problems : [{ field: 'general', message: state.kind === 'error' ? state.message : '' }];
      return problems.map((p) => ({
        fieldId:
          p.field === 'rationale'
            ? `rationale-${c.code}`
            : p.field === 'level'
              ? `level-${c.code}-${firstLevel}`
              : `criterion-${c.code}-heading`,
        message: `Question ${i + 1}: ${p.message}`,
      }));
    });
  });
  protected readonly conflictCount = computed(() => this.summary()?.conflicts ?? 0);
  /** Edits found on this device that had not reached the server when the page was last open. */
  protected readonly restoredCount = signal(0);

  // Domain target (CX leads).
  protected readonly target = computed(() => this.store.targetsByDomain().get(this.domainCode()) ?? null);
  protected readonly targetLevel = linkedSignal(() => this.target()?.targetLevel ?? null);
  protected readonly targetNarrative = linkedSignal(() => this.target()?.narrative ?? '');
  protected readonly targetState = linkedSignal<string, { kind: 'idle' | 'saving' | 'saved' | 'error' | 'conflict'; text: string }>({
    source: () => this.domainCode(),
    computation: () => ({ kind: 'idle', text: '' }),
  });

  // Assigning the area (CX leads).
  protected readonly people = signal<AssignableUser[]>([]);
  protected readonly assignee = linkedSignal<string, string>({ source: () => this.domainCode(), computation: () => '' });
  protected readonly dueOn = linkedSignal<string, string>({ source: () => this.domainCode(), computation: () => '' });
  protected readonly assignState = linkedSignal<
    string,
    { kind: 'idle' | 'saving' | 'done' | 'error'; text: string; field: 'person' | 'due' | null }
  >({
    source: () => this.domainCode(),
    computation: () => ({ kind: 'idle', text: '', field: null }),
  });
  protected readonly currentAssignees = computed(() => {
    const domain = this.domain();
    if (!domain) return [];
    const responses = this.store.responsesByCode();
    return [...new Set(domain.criteria.map((c) => responses.get(c.code)?.assignee?.displayName).filter((n): n is string => !!n))];
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.store.load(id));
    });
    // The people a CX lead can assign, once we know the viewer leads this agency.
    let peopleFor: string | null = null;
    effect(() => {
      const assessment = this.assessment();
      if (!assessment || !this.canAssign() || peopleFor === assessment.id) return;
      peopleFor = assessment.id;
      untracked(() => {
        this.store.assignableUsers().then(
          (people) => this.people.set(people),
          () => this.people.set([]),
        );
      });
    });
    // One autosave queue per assessment and person, created once the answers are here.
    effect(() => {
      const assessment = this.assessment();
      const userId = this.session.user()?.id;
      if (!assessment || !userId || this.store.status() !== 'loaded') return;
      untracked(() => {
        if (this.queue() && this.queueFor === assessment.id) return;
        this.queue()?.dispose();
        this.queueFor = assessment.id;
        const queue = new AutosaveQueue({
          storageKeyPrefix: draftKeyPrefix(assessment.id, userId),
          save: (code, draft, expectedVersion, ids) => this.store.saveResponse(code, draft, expectedVersion, ids),
        });
        this.syncQueue(queue);
        this.queue.set(queue);
      });
    });
    // Jump to #criterion-CODE once the questions are on screen.
    effect(() => {
      const fragment = this.fragment();
      const domain = this.domain();
      if (!fragment || !domain) return;
      setTimeout(() => {
        const heading = document.getElementById(`${fragment}-heading`) ?? document.getElementById(fragment);
        heading?.scrollIntoView({ block: 'start' });
        heading?.focus({ preventScroll: true });
      });
    });
    const online = () => void this.queue()?.retryAll();
    window.addEventListener('online', online);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('online', online);
      this.queue()?.dispose();
    });
  }

  private queueFor: string | null = null;

  protected response(code: string): CriterionResponse | undefined {
    return this.store.responsesByCode().get(code);
  }

  protected editable(criterion: Criterion): boolean {
    const assessment = this.assessment();
    if (!assessment?.canEdit) return false;
    const response = this.response(criterion.code);
    return response ? response.editable : this.isLeadHere();
  }

  protected readOnlyReason(criterion: Criterion): string {
    const assessment = this.assessment();
    if (!assessment) return '';
    if (this.editable(criterion)) return '';
    if (!assessment.canEdit) {
      if (this.isOmb()) return 'OMB reviewers read answers but do not change them.';
      if (['SUBMITTED', 'IN_REVIEW', 'ACCEPTED'].includes(assessment.status))
        return 'This assessment has been submitted, so answers can no longer change.';
      return 'You can read this answer but not change it. Your agency’s CX lead and the people they assign write the answers.';
    }
    const assignee = this.response(criterion.code)?.assignee;
    return assignee
      ? `This question is assigned to ${assignee.displayName}, so you can read it but not change it.`
      : 'This question is not assigned to you, so you can read it but not change it. Ask your CX lead to assign it to you.';
  }

  protected onEdit(code: string, edit: DraftEdit): void {
    this.queue()?.edit(code, edit.changes, edit.immediate);
  }

  protected onBlur(code: string): void {
    const queue = this.queue();
    if (queue && queue.state(code).kind === 'pending') void queue.flush(code);
  }

  protected async keepTheirs(code: string): Promise<void> {
    const queue = this.queue();
    if (!queue) return;
    queue.keepTheirs(code);
    await this.store.load(this.id());
    this.syncQueue(queue);
  }

  protected retryAll(): void {
    void this.queue()?.retryAll();
  }

  protected async saveTarget(): Promise<void> {
    this.targetState.set({ kind: 'saving', text: 'Saving…' });
    try {
      await this.store.saveTarget(this.domainCode(), this.targetLevel(), this.targetNarrative(), this.target()?.version ?? 0);
      this.targetState.set({ kind: 'saved', text: `Saved at ${clockTime(new Date())}` });
    } catch (error) {
      if (isGraphqlRequestError(error, ErrorCode.CONFLICT)) {
        this.targetState.set({ kind: 'conflict', text: 'Not saved — someone else changed this target. Load theirs, then save again.' });
      } else {
        const fieldError = isGraphqlRequestError(error) ? error.fieldErrors[0]?.message : undefined;
        this.targetState.set({
          kind: 'error',
          text: `Not saved — ${fieldError ?? errorMessage(error)}`,
        });
      }
    }
  }

  protected async reloadTarget(): Promise<void> {
    await this.store.load(this.id());
    this.targetLevel.set(this.target()?.targetLevel ?? null);
    this.targetNarrative.set(this.target()?.narrative ?? '');
    this.targetState.set({ kind: 'idle', text: '' });
  }

  protected async assign(remove: boolean): Promise<void> {
    const personId = this.assignee();
    if (!remove && personId === '') {
      this.assignState.set({ kind: 'error', text: 'Choose a person to assign this area to.', field: 'person' });
      return;
    }
    const person = this.people().find((p) => p.id === personId);
    const due = this.dueOn();
    this.assignState.set({ kind: 'saving', text: remove ? 'Removing the assignment…' : 'Assigning…', field: null });
    try {
      await this.store.assignDomain(this.domainCode(), remove ? null : personId, due === '' ? null : due);
      const queue = this.queue();
      if (queue) this.syncQueue(queue);
      const area = this.domain()?.name ?? 'this area';
      this.assignState.set({
        kind: 'done',
        text: remove
          ? `The questions in ${area} are no longer assigned to anyone.`
          : `The questions in ${area} are assigned to ${person?.displayName ?? 'the person you chose'}${due ? `, due ${formatDate(due)}` : ''}.`,
        field: null,
      });
      if (remove) {
        this.assignee.set('');
        this.dueOn.set('');
      }
    } catch (error) {
      const fieldError = isGraphqlRequestError(error) ? error.fieldErrors[0] : undefined;
      const field = fieldError?.path.endsWith('dueOn') ? 'due' : fieldError ? 'person' : null;
      this.assignState.set({
        kind: 'error',
        text: fieldError?.message ?? errorMessage(error),
        field,
      });
    }
  }

  protected setAssignee(event: Event): void {
    this.assignee.set((event.target as HTMLSelectElement).value);
  }

  protected setDueOn(event: Event): void {
    this.dueOn.set((event.target as HTMLInputElement).value);
  }

  protected setTargetLevel(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.targetLevel.set(value === '' ? null : Number(value));
  }

  protected setTargetNarrative(event: Event): void {
    this.targetNarrative.set((event.target as HTMLTextAreaElement).value);
  }

  private syncQueue(queue: AutosaveQueue): void {
    const assessment = this.assessment();
    const framework = this.owner()?.framework;
    if (!assessment || !framework) return;
    const answers = new Map(this.store.allResponses().map((r) => [r.criterionCode, { draft: toDraft(r), version: r.version }]));
    const editable = new Set(
      framework.domains
        .flatMap((d) => d.criteria)
        .filter((c) => this.editable(c))
        .map((c) => c.code),
    );
    void queue.sync(answers, editable).then((restored) => {
      if (restored.length > 0) this.restoredCount.update((n) => n + restored.length);
    });
  }
}
