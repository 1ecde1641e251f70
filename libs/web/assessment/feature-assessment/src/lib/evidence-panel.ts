import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, linkedSignal, signal, viewChild } from '@angular/core';
import { isGraphqlRequestError } from '@cx/web-shared-data-access-graphql';
import { AssessmentStore, UploadError, type Evidence } from './assessment-store';
import { formatFileSize } from './format';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.csv,.txt';
export const FILE_TOO_LARGE = 'This file is larger than 10 MB. Attach a smaller file or a link.';

type Mode = 'none' | 'link' | 'file';

interface LinkErrors {
  title: string | null;
  url: string | null;
  general: string | null;
}

/** The evidence of one question: the list, plus (when the question is editable) forms to add a link or a file and to remove. */
@Component({
  selector: 'cx-evidence-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="margin-top-3" [attr.data-testid]="'evidence-' + code()">
      <h3 class="font-heading-md margin-bottom-1" [id]="'evidence-heading-' + code()">Evidence for question {{ position() }}</h3>
      @if (items().length === 0) {
        <p class="margin-y-1 text-base-dark">No evidence added yet.</p>
      } @else {
        <ul class="usa-list usa-list--unstyled" [attr.aria-labelledby]="'evidence-heading-' + code()">
          @for (item of items(); track item.id) {
            <li class="margin-bottom-1" [attr.data-testid]="'evidence-item-' + code()">
              @if (item.kind === 'LINK') {
                <a class="usa-link" [href]="item.url" target="_blank" rel="noopener noreferrer">{{ item.title }} (opens in a new tab)</a>
              } @else {
                <a class="usa-link" [href]="item.downloadPath" [attr.download]="item.fileName ?? ''">
                  {{ item.title }}<span class="usa-sr-only"> (download)</span>
                </a>
                <span class="text-base-dark"> · {{ item.fileName }}, {{ size(item.sizeBytes) }}</span>
              }
              @if (editable()) {
                @if (confirming() === item.id) {
                  <span class="display-block margin-top-05" role="group" [attr.aria-label]="'Remove ' + item.title + '?'">
                    Remove “{{ item.title }}”?
                    <button type="button" class="usa-button usa-button--secondary margin-left-1" (click)="remove(item)">Yes, remove</button>
                    <button type="button" class="usa-button usa-button--unstyled margin-left-1" (click)="confirming.set(null)">
                      Cancel
                    </button>
                  </span>
                } @else {
                  <button type="button" class="usa-button usa-button--unstyled margin-left-1" (click)="confirming.set(item.id)">
                    Remove<span class="usa-sr-only"> {{ item.title }}</span>
                  </button>
                }
              }
            </li>
          }
        </ul>
      }
      <p class="margin-y-1" aria-live="polite" [attr.data-testid]="'evidence-status-' + code()">{{ status() }}</p>
      @if (removeError(); as error) {
        <p class="usa-error-message" role="alert">{{ error }}</p>
      }

      @if (editable()) {
        <div class="usa-button-group margin-y-1">
          <button
            type="button"
            class="usa-button usa-button--outline"
            [attr.aria-expanded]="mode() === 'link'"
            [attr.aria-controls]="'evidence-link-form-' + code()"
            (click)="toggle('link')"
          >
            Add a link<span class="usa-sr-only"> to question {{ position() }}</span>
          </button>
          <button
            type="button"
            class="usa-button usa-button--outline"
            [attr.aria-expanded]="mode() === 'file'"
            [attr.aria-controls]="'evidence-file-form-' + code()"
            (click)="toggle('file')"
          >
            Attach a file<span class="usa-sr-only"> to question {{ position() }}</span>
          </button>
        </div>

        <form
          class="usa-form maxw-tablet"
          [id]="'evidence-link-form-' + code()"
          [hidden]="mode() !== 'link'"
          (submit)="$event.preventDefault(); addLink()"
          novalidate
        >
          <div class="usa-form-group" [class.usa-form-group--error]="linkErrors().title">
            <label class="usa-label" [for]="'evidence-link-title-' + code()">Link title</label>
            @if (linkErrors().title; as error) {
              <span class="usa-error-message" [id]="'evidence-link-title-error-' + code()">{{ error }}</span>
            }
            <input
              class="usa-input"
              [class.usa-input--error]="linkErrors().title"
              [id]="'evidence-link-title-' + code()"
              maxlength="200"
              [value]="linkTitle()"
              [attr.aria-invalid]="linkErrors().title ? true : null"
              [attr.aria-describedby]="linkErrors().title ? 'evidence-link-title-error-' + code() : null"
              (input)="linkTitle.set(value($event))"
            />
          </div>
          <div class="usa-form-group" [class.usa-form-group--error]="linkErrors().url">
            <label class="usa-label" [for]="'evidence-link-url-' + code()">Web address</label>
            <span class="usa-hint" [id]="'evidence-link-url-hint-' + code()">Starts with https://</span>
            @if (linkErrors().url; as error) {
              <span class="usa-error-message" [id]="'evidence-link-url-error-' + code()">{{ error }}</span>
            }
            <input
              class="usa-input"
              [class.usa-input--error]="linkErrors().url"
              type="url"
              [id]="'evidence-link-url-' + code()"
              [value]="linkUrl()"
              [attr.aria-invalid]="linkErrors().url ? true : null"
              [attr.aria-describedby]="'evidence-link-url-hint-' + code() + (linkErrors().url ? ' evidence-link-url-error-' + code() : '')"
              (input)="linkUrl.set(value($event))"
            />
          </div>
          @if (linkErrors().general; as error) {
            <p class="usa-error-message" role="alert">{{ error }}</p>
          }
          <button type="submit" class="usa-button margin-top-2" [disabled]="busy()">Add link</button>
        </form>

        <form
          class="usa-form maxw-tablet"
          [id]="'evidence-file-form-' + code()"
          [hidden]="mode() !== 'file'"
          (submit)="$event.preventDefault(); upload()"
          novalidate
        >
          <label class="usa-label" [for]="'evidence-file-title-' + code()">File title (optional)</label>
          <span class="usa-hint" [id]="'evidence-file-title-hint-' + code()">If you leave this blank, we use the file name.</span>
          <input
            class="usa-input"
            [id]="'evidence-file-title-' + code()"
            maxlength="200"
            [attr.aria-describedby]="'evidence-file-title-hint-' + code()"
            [value]="fileTitle()"
            (input)="fileTitle.set(value($event))"
          />
          <div class="usa-form-group" [class.usa-form-group--error]="fileError()">
            <label class="usa-label" [for]="'evidence-file-' + code()">File</label>
            <span class="usa-hint" [id]="'evidence-file-hint-' + code()">PDF, PNG, JPG, DOCX, XLSX, PPTX, CSV or TXT, up to 10 MB.</span>
            @if (fileError(); as error) {
              <span class="usa-error-message" [id]="'evidence-file-error-' + code()" role="alert">{{ error }}</span>
            }
            <input
              #fileInput
              class="usa-file-input"
              [class.usa-input--error]="fileError()"
              type="file"
              [id]="'evidence-file-' + code()"
              [accept]="accept"
              [attr.aria-invalid]="fileError() ? true : null"
              [attr.aria-describedby]="'evidence-file-hint-' + code() + (fileError() ? ' evidence-file-error-' + code() : '')"
              (change)="chooseFile($event)"
            />
          </div>
          @if (uploading()) {
            <p class="margin-y-1">
              <progress [attr.aria-label]="'Uploading ' + (file()?.name ?? 'the file')"></progress>
            </p>
          }
          <button type="submit" class="usa-button margin-top-2" [disabled]="busy()">Upload file</button>
        </form>
      }
    </div>
  `,
})
export class EvidencePanel {
  readonly code = input.required<string>();
  readonly position = input.required<number>();
  readonly editable = input(false);

  private readonly store = inject(AssessmentStore);
  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');

  protected readonly accept = EVIDENCE_ACCEPT;
  protected readonly items = computed(() => this.store.evidenceByCode().get(this.code()) ?? []);
  protected readonly mode = signal<Mode>('none');
  protected readonly busy = signal(false);
  protected readonly uploading = signal(false);
  protected readonly status = signal('');
  protected readonly confirming = signal<string | null>(null);
  protected readonly removeError = signal<string | null>(null);

  protected readonly linkTitle = signal('');
  protected readonly linkUrl = signal('');
  protected readonly linkErrors = signal<LinkErrors>({ title: null, url: null, general: null });

  protected readonly fileTitle = signal('');
  protected readonly file = signal<File | null>(null);
  protected readonly fileError = linkedSignal<File | null, string | null>({
    source: () => this.file(),
    computation: (file) => (file && file.size > MAX_EVIDENCE_BYTES ? FILE_TOO_LARGE : null),
  });

  protected readonly size = formatFileSize;

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected toggle(mode: Mode): void {
    this.mode.set(this.mode() === mode ? 'none' : mode);
  }

  protected chooseFile(event: Event): void {
    this.file.set((event.target as HTMLInputElement).files?.[0] ?? null);
  }

  protected async addLink(): Promise<void> {
    const title = this.linkTitle().trim();
    const url = this.linkUrl().trim();
    const errors: LinkErrors = {
      title: title === '' ? 'Give the evidence a short title.' : null,
      url: url === '' ? 'Enter the web address of the evidence, starting with https://' : null,
      general: null,
    };
    this.linkErrors.set(errors);
    if (errors.title || errors.url) return;
    this.busy.set(true);
    try {
      await this.store.addEvidenceLink(this.code(), title, url);
      this.linkTitle.set('');
      this.linkUrl.set('');
      this.mode.set('none');
      this.status.set(`Added the link “${title}”.`);
    } catch (error) {
      if (isGraphqlRequestError(error)) {
        const find = (field: string) => error.fieldErrors.find((f) => f.path.split('.').pop() === field)?.message ?? null;
        const next = { title: find('title'), url: find('url'), general: null as string | null };
        if (!next.title && !next.url) next.general = error.message;
        this.linkErrors.set(next);
      } else {
        this.linkErrors.set({ title: null, url: null, general: 'We could not add this link. Try again.' });
      }
    } finally {
      this.busy.set(false);
    }
  }

  protected async upload(): Promise<void> {
    const file = this.file();
    if (!file) {
      this.fileError.set('Choose a file to attach.');
      return;
    }
    if (file.size > MAX_EVIDENCE_BYTES) {
      this.fileError.set(FILE_TOO_LARGE);
      return;
    }
    const title = this.fileTitle().trim() || file.name;
    this.busy.set(true);
    this.uploading.set(true);
    this.fileError.set(null);
    this.status.set(`Uploading ${file.name}…`);
    try {
      await this.store.uploadEvidence(this.code(), title, file);
      this.fileTitle.set('');
      this.file.set(null);
      const input = this.fileInput()?.nativeElement;
      if (input) input.value = '';
      this.mode.set('none');
      this.status.set(`Attached ${file.name}.`);
    } catch (error) {
      this.status.set('The file was not attached.');
      this.fileError.set(error instanceof UploadError ? (error.fileError ?? error.message) : 'We could not attach this file. Try again.');
    } finally {
      this.busy.set(false);
      this.uploading.set(false);
    }
  }

  protected async remove(item: Evidence): Promise<void> {
    this.removeError.set(null);
    try {
      await this.store.removeEvidence(item.id);
      this.confirming.set(null);
      this.status.set(`Removed “${item.title}”.`);
    } catch (error) {
      this.removeError.set(isGraphqlRequestError(error) ? error.message : 'We could not remove this evidence. Try again.');
    }
  }
}
