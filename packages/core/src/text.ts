// Text PostgreSQL can store as it was typed: no NUL (text and jsonb refuse it) and no lone
// UTF-16 surrogate (jsonb refuses it, and text would store U+FFFD in its place).
import { z } from 'zod';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why the text cannot be stored as it is, with the offset of the first bad character; else undefined. */
export function unstorableCharacter(text: string): string | undefined {
  const nulIndex = text.indexOf('\u0000');
  const surrogate = loneSurrogate.exec(text);
  if (nulIndex === -1 && !surrogate) return undefined;
  if (surrogate && (nulIndex === -1 || surrogate.index < nulIndex))
    return `Contains a lone UTF-16 surrogate (U+${surrogate[0].charCodeAt(0).toString(16).toUpperCase()}) at offset ${surrogate.index}, which is no character; send the text as valid Unicode.`;
  return `Contains a NUL character (U+0000) at offset ${nulIndex}; remove it and send the text again.`;
}

/** A string refused (with the reason) when PostgreSQL could not store it unchanged. */
export function storableString() {
  return z.string().superRefine((text, context) => {
    const problem = unstorableCharacter(text);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
}

/** The path of the first string in a parsed JSON value that cannot be stored, and why. */
export function findUnstorableString(
  value: unknown,
  path = '',
): { path: string; message: string } | undefined {
  if (typeof value === 'string') {
    const message = unstorableCharacter(value);
    return message ? { path: path || 'body', message } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableString(item, path ? `${path}.${index}` : String(index));
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = unstorableCharacter(key);
      if (keyProblem) return { path: path ? `${path}.${key}` : key, message: keyProblem };
      const found = findUnstorableString(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}
