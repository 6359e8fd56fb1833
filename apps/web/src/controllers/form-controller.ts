// Submitting a form and saying how it went, the same way on every account and settings form:
// the button is disabled while the request runs; a failure is an alert (with the fields the
// API named marked invalid), a success a status; where the form is the page's purpose, focus
// moves to the message so keyboard and screen-reader users hear it at once.
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ApiError } from '../api/client.ts';
import { errorMessage } from '../components/format.ts';

/** What the last submission came to. */
export interface FormOutcome {
  readonly isError: boolean;
  readonly text: string;
  /** The fields to mark invalid. */
  readonly fields: ReadonlySet<string>;
}

export interface FormOptions {
  /** Moves focus to the message once it shows (forms that are their page's purpose). */
  focusesMessage?: boolean;
}

export class FormController implements ReactiveController {
  private readonly host: ReactiveControllerHost & { renderRoot: ParentNode };
  private readonly focusesMessage: boolean;
  private busy = false;
  private last: FormOutcome | undefined;

  constructor(host: ReactiveControllerHost & { renderRoot: ParentNode }, options: FormOptions = {}) {
    this.host = host;
    this.focusesMessage = options.focusesMessage ?? false;
    host.addController(this);
  }

  /** Nothing to set up: the outcome lives as long as the form, whose updates follow it. */
  hostConnected(): void {}

  /** True while a submission runs: its button is disabled. */
  get isBusy(): boolean {
    return this.busy;
  }

  get outcome(): FormOutcome | undefined {
    return this.last;
  }

  /** True after a failure: what the user typed needs another look. */
  get hasFailed(): boolean {
    return this.last?.isError ?? false;
  }

  /** The fields the last failure named. */
  get invalidFields(): ReadonlySet<string> {
    return this.last?.fields ?? noFields;
  }

  /**
   * Runs a submission, busy meanwhile. What `work` returns is shown as its success (nothing:
   * no message); what it throws as a failure, with the fields the API's problem names.
   */
  async submit(work: () => Promise<string | undefined | undefined>): Promise<void> {
    this.setBusy(true);
    try {
      const text = await work();
      if (text) await this.show({ isError: false, text, fields: noFields });
    } catch (error) {
      const fields = error instanceof ApiError ? (error.problem?.errors ?? []).map((item) => item.path) : [];
      await this.fail(errorMessage(error), fields);
    } finally {
      this.setBusy(false);
    }
  }

  /** Shows a failure found before (or instead of) asking the server. */
  fail(text: string, fields: Iterable<string> = []): Promise<void> {
    return this.show({ isError: true, text, fields: new Set(fields) });
  }

  /** Forgets the last outcome (a new attempt starts). */
  clear(): void {
    this.last = undefined;
    this.host.requestUpdate();
  }

  /** The outcome's message: an alert for a failure, a status for a success. */
  renderMessage() {
    const outcome = this.last;
    if (!outcome) return null;
    const tabindex = this.focusesMessage ? '-1' : null;
    return outcome.isError
      ? html`<p class="form-error" role="alert" tabindex=${tabindex ?? nothing}>${outcome.text}</p>`
      : html`<p class="form-success" role="status" tabindex=${tabindex ?? nothing}>${outcome.text}</p>`;
  }

  private async show(outcome: FormOutcome): Promise<void> {
    this.last = outcome;
    this.host.requestUpdate();
    if (!this.focusesMessage) return;
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('.form-error, .form-success')?.focus();
  }

  private setBusy(isBusy: boolean): void {
    this.busy = isBusy;
    this.host.requestUpdate();
  }
}

const noFields: ReadonlySet<string> = new Set();
