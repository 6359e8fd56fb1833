// Attest's ETags are the annotation version in quotes; "0" stands for "no annotation yet".
import { InvalidInputError } from '../errors.ts';

export function versionEtag(version: number): string {
  return `"${version}"`;
}

/** The version an If-Match header expects, or undefined when the header is absent. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new InvalidInputError(
      `If-Match must hold the version you last saw, like "3" (or "0" when there was no annotation); got ${header}.`,
    );
  }
  return Number(match[1]);
}
