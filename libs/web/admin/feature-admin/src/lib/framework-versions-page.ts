import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Alert, EmptyState, LoadingIndicator, ModalDialog, focusElementById } from '@cx/web-shared-ui';
import { formatTimestamp, frameworkKindLabel, frameworkStatusLabel } from './admin-format';
import { FrameworkUpload } from './framework-upload';
import { FrameworkVersionsStore, frameworkActionError, type FrameworkAction, type FrameworkVersion } from './framework-store';

const RESULT_ID = 'framework-action-result';

/** What the confirm step says before a version changes state for good. */
const CONFIRM: Readonly<Record<FrameworkAction, { heading: string; text: string; button: string; done: string }>> = {
  publish: {
    heading: 'Publish this version?',
    text: 'Publishing makes this version permanent: it can no longer be changed. Continue?',
    button: 'Publish version',
    done: 'Published',
  },
  retire: {
    heading: 'Retire this version?',
    text: 'Retiring means this version can no longer be chosen for a new cycle. Assessments that already use it keep it. Continue?',
    button: 'Retire version',
    done: 'Retired',
  },
};

/** OMB administrators: every framework version, publish or retire one, and import a new one. */
@Component({
  selector: 'cx-framework-versions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert, EmptyState, FrameworkUpload, LoadingIndicator, ModalDialog, RouterLink],
  providers: [FrameworkVersionsStore],
  templateUrl: './framework-versions-page.html',
})
export class FrameworkVersionsPage {
  protected readonly store = inject(FrameworkVersionsStore);

  protected readonly resultId = RESULT_ID;
  protected readonly pending = signal<{ action: FrameworkAction; version: FrameworkVersion } | null>(null);
  protected readonly confirm = computed(() => {
    const pending = this.pending();
    return pending ? CONFIRM[pending.action] : null;
  });
  protected readonly busy = signal(false);
  protected readonly result = signal<{ type: 'success' | 'error'; text: string } | null>(null);

  protected readonly statusLabel = frameworkStatusLabel;
  protected readonly kindLabel = frameworkKindLabel;
  protected readonly formatTimestamp = formatTimestamp;

  constructor() {
    void this.store.load();
  }

  protected criteriaCount(version: FrameworkVersion): number {
    return version.domains.reduce((sum, domain) => sum + domain.criteria.length, 0);
  }

  protected ask(action: FrameworkAction, version: FrameworkVersion): void {
    this.result.set(null);
    this.pending.set({ action, version });
  }

  protected cancel(): void {
    this.pending.set(null);
  }

  protected async proceed(): Promise<void> {
    const pending = this.pending();
    if (!pending || this.busy()) return;
    const { action, version } = pending;
    const name = `${version.code} version ${version.version}`;
    this.busy.set(true);
    try {
      await this.store.apply(action, version.id);
      this.result.set({ type: 'success', text: `${CONFIRM[action].done} ${name}.` });
    } catch (error) {
      this.result.set({ type: 'error', text: `${name}: ${frameworkActionError(action, error)}` });
    } finally {
      this.busy.set(false);
      this.pending.set(null);
    }
    // The button that opened the dialog is gone once the status changes, so focus goes to the outcome.
    setTimeout(() => focusElementById(RESULT_ID));
  }

  protected onImported(): void {
    this.result.set(null);
  }
}
