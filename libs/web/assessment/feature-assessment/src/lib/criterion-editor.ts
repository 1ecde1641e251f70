import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { ResponseDraft, SaveState } from './autosave';
import type { Criterion, CriterionResponse } from './assessment-store';
import { EvidencePanel } from './evidence-panel';
import { clockTime, formatDate } from './format';

export interface ScaleOption {
  value: number;
  label: string;
}

export interface DraftEdit {
  changes: Partial<ResponseDraft>;
  immediate: boolean;
}

export const RATIONALE_MAX = 4000;

/** One question of the questionnaire: the answer form (or a read-only view), its save state and any conflict. */
@Component({
  selector: 'cx-criterion-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EvidencePanel],
  templateUrl: './criterion-editor.html',
  styles: `
    .cx-save-state {
      min-height: 1.5em;
    }
    .cx-conflict {
      border-left: 0.5rem solid #e5a000;
    }
  `,
})
export class CriterionEditor {
  readonly criterion = input.required<Criterion>();
  readonly position = input.required<number>();
  readonly scale = input.required<readonly ScaleOption[]>();
  readonly response = input<CriterionResponse | undefined>(undefined);
  readonly draft = input<ResponseDraft | undefined>(undefined);
  readonly state = input<SaveState>({ kind: 'idle' });
  readonly editable = input(false);
  /** Plain-language reason shown when the answer is read-only. */
  readonly readOnlyReason = input('');

  readonly edited = output<DraftEdit>();
  readonly blurred = output<void>();
  readonly retry = output<void>();
  readonly useMine = output<void>();
  readonly keepTheirs = output<void>();

  protected readonly guidanceOpen = signal(false);
  protected readonly max = RATIONALE_MAX;

  protected readonly code = computed(() => this.criterion().code);
  protected readonly options = computed(() => {
    const descriptors = new Map(this.criterion().levels.map((l) => [l.value, l.descriptor]));
    return this.scale().map((s) => ({ ...s, descriptor: descriptors.get(s.value) ?? '' }));
  });
  protected readonly value = computed<ResponseDraft>(() => {
    const draft = this.draft();
    if (draft) return draft;
    const r = this.response();
    return {
      level: r?.level ?? null,
      notApplicable: r?.notApplicable ?? false,
      rationale: r?.rationale ?? '',
      markedForReview: r?.markedForReview ?? false,
      confirmCarriedForward: false,
    };
  });
  protected readonly carriedForward = computed(() => (this.response()?.carriedForward ?? false) && !this.value().confirmCarriedForward);
  protected readonly remaining = computed(() => RATIONALE_MAX - this.value().rationale.length);
  protected readonly problems = computed(() => {
    const s = this.state();
    return s.kind === 'error' || s.kind === 'invalid' ? s.problems : [];
  });
  protected readonly levelError = computed(() => this.problems().find((p) => p.field === 'level')?.message ?? null);
  protected readonly rationaleError = computed(() => this.problems().find((p) => p.field === 'rationale')?.message ?? null);
  protected readonly generalError = computed(() => {
    const s = this.state();
    if (s.kind !== 'error') return null;
    const general = s.problems.filter((p) => p.field === 'general').map((p) => p.message);
    return general.length > 0 ? general.join(' ') : s.problems.length === 0 ? s.message : null;
  });
  protected readonly conflict = computed(() => {
    const s = this.state();
    return s.kind === 'conflict' ? s : null;
  });
  protected readonly stateText = computed(() => {
    const s = this.state();
    switch (s.kind) {
      case 'pending':
      case 'saving':
        return 'Saving…';
      case 'saved':
        return `Saved at ${clockTime(s.at)}`;
      case 'invalid':
        return 'Not saved — fix the problem below';
      case 'error':
        return s.retrying ? 'Not saved — trying again' : 'Not saved';
      case 'conflict':
        return 'Not saved — someone else changed this answer';
      default:
        return '';
    }
  });
  protected readonly readOnlyAnswer = computed(() => this.describe(this.value().level, this.value().notApplicable));
  protected readonly assigneeText = computed(() => {
    const r = this.response();
    if (!r?.assignee) return null;
    return `Assigned to ${r.assignee.displayName}${r.dueOn ? `, due ${formatDate(r.dueOn)}` : ''}`;
  });

  protected describe(level: number | null, notApplicable: boolean): string {
    if (notApplicable) return 'Does not apply to us';
    if (level === null) return 'Not answered';
    const option = this.options().find((o) => o.value === level);
    return option ? `${option.value} — ${option.label}` : String(level);
  }

  protected theirTime(iso: string | null): string {
    return iso ? ` at ${clockTime(iso)}` : '';
  }

  protected chooseLevel(level: number): void {
    this.edited.emit({ changes: { level, notApplicable: false }, immediate: true });
  }

  protected toggleNotApplicable(event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.edited.emit({ changes: checked ? { notApplicable: true, level: null } : { notApplicable: false }, immediate: true });
  }

  protected toggleReview(event: Event): void {
    this.edited.emit({ changes: { markedForReview: (event.target as HTMLInputElement).checked }, immediate: true });
  }

  protected typeRationale(event: Event): void {
    this.edited.emit({ changes: { rationale: (event.target as HTMLTextAreaElement).value }, immediate: false });
  }

  protected confirmCarried(): void {
    this.edited.emit({ changes: { confirmCarriedForward: true }, immediate: true });
  }

  protected describedBy(...ids: (string | null | false)[]): string | null {
    const list = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
    return list.length > 0 ? list.join(' ') : null;
  }
}
