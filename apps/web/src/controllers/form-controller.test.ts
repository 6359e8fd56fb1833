// @vitest-environment happy-dom
import type { Problem } from '@attest/core';
import { html, LitElement } from 'lit';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { mount, textOf } from '../test/mount.ts';
import { FormController } from './form-controller.ts';

class FormHost extends LitElement {
  readonly form = new FormController(this, { focusesMessage: true });

  override render() {
    return html`<form>${this.form.renderMessage()}</form>`;
  }
}
customElements.define('test-form-host', FormHost);

declare global {
  interface HTMLElementTagNameMap {
    'test-form-host': FormHost;
  }
}

describe('FormController', () => {
  it('is busy while the submission runs and shows its success as a status', async () => {
    const host = await mount('test-form-host');
    let finish: (text: string) => void = () => {};
    const submitted = host.form.submit(() => new Promise<string>((resolve) => (finish = resolve)));
    expect(host.form.isBusy).toBe(true);
    finish('Saved.');
    await submitted;
    expect(host.form.isBusy).toBe(false);
    const status = host.shadowRoot?.querySelector('[role="status"]');
    expect(textOf(status)).toBe('Saved.');
    expect(host.shadowRoot?.activeElement).toBe(status);
  });

  it('shows a failure as a focused alert, with the fields the problem names marked', async () => {
    const host = await mount('test-form-host');
    const problem: Problem = {
      type: 'https://attest.example/problems/validation',
      title: 'Invalid',
      status: 422,
      detail: 'The e-mail address is taken.',
      errors: [{ path: 'email', message: 'taken' }],
    };
    await host.form.submit(async () => {
      throw new ApiError(422, problem.detail, problem);
    });
    const alert = host.shadowRoot?.querySelector('[role="alert"]');
    expect(textOf(alert)).toBe('The e-mail address is taken.');
    expect(host.shadowRoot?.activeElement).toBe(alert);
    expect([...host.form.invalidFields]).toEqual(['email']);
    expect(host.form.hasFailed).toBe(true);
    host.form.clear();
    await host.updateComplete;
    expect(host.shadowRoot?.querySelector('[role="alert"]')).toBeNull();
  });
});
