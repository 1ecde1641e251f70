import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, output, signal, viewChild } from '@angular/core';
import { Alert, ErrorSummary, type ErrorSummaryItem } from '@cx/web-shared-ui';
import { FrameworkVersionsStore, type FrameworkImportResult } from './framework-store';
import {
  checkFrameworkFile,
  describeImport,
  describeImportProblem,
  importProblemsHeading,
  toImportProblems,
  type ImportProblem,
} from './import-problems';

const FILE_ID = 'framework-file';

/**
 * Imports a framework file read in the browser. The API checks the whole file and imports nothing
 * if anything is wrong; every problem is then listed with its path and tied to the file input.
 */
@Component({
  selector: 'cx-framework-upload',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, ErrorSummary],
  templateUrl: './framework-upload.html',
})
export class FrameworkUpload {
  readonly imported = output<FrameworkImportResult>();

  private readonly store = inject(FrameworkVersionsStore);
  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('fileInput');

  protected readonly ids = {
    file: FILE_ID,
    hint: `${FILE_ID}-hint`,
    error: `${FILE_ID}-error`,
    problems: `${FILE_ID}-problems`,
    publish: 'framework-publish',
    publishHint: 'framework-publish-hint',
  };
  protected readonly file = signal<File | null>(null);
  protected readonly publish = signal(false);
  protected readonly busy = signal(false);
  protected readonly problems = signal<ImportProblem[]>([]);
  protected readonly success = signal<string | null>(null);

  protected readonly heading = computed(() => importProblemsHeading(this.problems().length));
  protected readonly summary = computed<ErrorSummaryItem[]>(() =>
    this.problems().map((problem) => ({ fieldId: FILE_ID, message: describeImportProblem(problem) })),
  );
  protected readonly describedBy = computed(() =>
    this.problems().length > 0 ? `${this.ids.hint} ${this.ids.error} ${this.ids.problems}` : this.ids.hint,
  );

  protected onFileChange(event: Event): void {
    this.file.set((event.target as HTMLInputElement).files?.[0] ?? null);
  }

  protected onPublishChange(event: Event): void {
    this.publish.set((event.target as HTMLInputElement).checked);
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    // Cleared first so a second failure renders a new summary, which takes focus again.
    this.problems.set([]);
    this.success.set(null);
    const file = this.file();
    const problem = checkFrameworkFile(file);
    if (problem || !file) {
      this.problems.set(problem ? [problem] : []);
      return;
    }
    this.busy.set(true);
    try {
      const result = await this.store.importFile(await file.text(), this.publish());
      this.success.set(describeImport(result));
      this.reset();
      this.imported.emit(result);
    } catch (error) {
      this.problems.set(toImportProblems(error));
    } finally {
      this.busy.set(false);
    }
  }

  private reset(): void {
    this.fileInput().nativeElement.value = '';
    this.file.set(null);
    this.publish.set(false);
  }
}
