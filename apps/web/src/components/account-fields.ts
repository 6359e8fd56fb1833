// The name, e-mail and password fields the first-run and invitation pages share, and reading
// them back with the checks worth making before the server is asked.

import type { NewAccount } from '@attest/core';
import { html } from 'lit';

export const minimumPasswordLength = 10;

/** Name, e-mail, password and its confirmation; `invalidFields` holds the names to mark. */
export function newAccountFields(invalidFields: ReadonlySet<string>) {
  const invalid = (name: string) => (invalidFields.has(name) ? 'true' : 'false');
  return html`
    <label>
      Name
      <input name="name" autocomplete="name" required aria-invalid=${invalid('name')} />
    </label>
    <label>
      E-mail
      <input name="email" type="email" autocomplete="email" required aria-invalid=${invalid('email')} />
    </label>
    <div class="field">
      <label for="new-password">Password</label>
      <input
        id="new-password"
        name="password"
        type="password"
        autocomplete="new-password"
        required
        minlength=${minimumPasswordLength}
        aria-describedby="password-hint"
        aria-invalid=${invalid('password')}
      />
      <span class="hint" id="password-hint">At least ${minimumPasswordLength} characters.</span>
    </div>
    <label>
      Confirm password
      <input
        name="confirm"
        type="password"
        autocomplete="new-password"
        required
        aria-invalid=${invalid('confirm')}
      />
    </label>
  `;
}

/** The account typed into `newAccountFields`, or the first problem with it and its field. */
export function readNewAccount(
  form: HTMLFormElement,
): { account: NewAccount } | { problem: string; field: string } {
  const fields = new FormData(form);
  const value = (name: string) => String(fields.get(name) ?? '');
  const account = { name: value('name').trim(), email: value('email').trim(), password: value('password') };
  if (!account.name) return { problem: 'Enter your name.', field: 'name' };
  if (!account.email.includes('@'))
    return { problem: 'Enter an e-mail address, like name@example.org.', field: 'email' };
  if (account.password.length < minimumPasswordLength) {
    return {
      problem: `Use at least ${minimumPasswordLength} characters for the password.`,
      field: 'password',
    };
  }
  if (value('confirm') !== account.password)
    return { problem: 'The two passwords differ.', field: 'confirm' };
  return { account };
}
