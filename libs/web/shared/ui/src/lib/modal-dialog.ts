import { ChangeDetectionStrategy, Component, ElementRef, effect, input, output, viewChild } from '@angular/core';

let nextId = 0;

/**
 * Accessible modal built on the native <dialog>: showModal() makes the rest of
 * the page inert (focus cannot leave), Esc is handled, and focus goes back to
 * whatever had it before the dialog opened.
 */
@Component({
  selector: 'cx-modal-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog
      #dialog
      class="usa-modal cx-modal"
      [attr.aria-labelledby]="headingId"
      [attr.aria-describedby]="descriptionId"
      (cancel)="onCancel($event)"
    >
      <div class="usa-modal__content">
        <div class="usa-modal__main">
          <h2 class="usa-modal__heading" [id]="headingId">{{ heading() }}</h2>
          <div class="cx-prose" [id]="descriptionId"><ng-content /></div>
          <div class="usa-modal__footer"><ng-content select="[cxModalFooter]" /></div>
        </div>
      </div>
    </dialog>
  `,
  styles: `
    .cx-modal {
      padding: 0;
      border: 0;
    }
    /* .usa-modal sets display, which would otherwise override the closed <dialog>'s display: none. */
    .cx-modal:not([open]) {
      display: none;
    }
    .cx-modal[open] {
      position: fixed;
      inset: 0;
      margin: auto;
      height: fit-content;
      max-height: calc(100vh - 2rem);
      overflow: auto;
    }
    .cx-modal::backdrop {
      background: rgba(0, 0, 0, 0.7);
    }
  `,
})
export class ModalDialog {
  readonly open = input.required<boolean>();
  readonly heading = input.required<string>();
  /** Emitted when the person presses Esc; the parent decides whether to close. */
  readonly dismissed = output<void>();

  protected readonly headingId = `cx-modal-heading-${++nextId}`;
  protected readonly descriptionId = `cx-modal-description-${nextId}`;

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private returnFocusTo: HTMLElement | null = null;

  constructor() {
    effect(() => {
      const dialog = this.dialog().nativeElement;
      if (this.open() && !dialog.open) {
        this.returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        if (typeof dialog.showModal === 'function') dialog.showModal();
        else dialog.setAttribute('open', '');
      } else if (!this.open() && dialog.open) {
        if (typeof dialog.close === 'function') dialog.close();
        else dialog.removeAttribute('open');
        const target = this.returnFocusTo;
        this.returnFocusTo = null;
        if (target?.isConnected) target.focus();
      }
    });
  }

  protected onCancel(event: Event): void {
    event.preventDefault();
    this.dismissed.emit();
  }
}
