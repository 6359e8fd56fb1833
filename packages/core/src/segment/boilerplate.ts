// Lines and fragments that are not part of the story: sources, sign-offs, bylines, reporter e-mails.

/** Sign-offs, bylines and credits are short; longer lines are never tested, which saves time. */
export const longestBoilerplateLine = 200;

const emailAddress = String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`;

/** Nothing but e-mail addresses: the reporters' sign-off at the foot of a wire story. */
const emailsOnly = new RegExp(String.raw`^\(?${emailAddress}(?:[\s,;/]+${emailAddress})*\)?$`);

const endMark = /^\(END\)$/i;

/** A wire credit standing alone at the foot of a story: "(Yonhap)", "(AP)", "[AFP]". */
const wireCredit = /^[([](?:Yonhap|YNA|AP|AFP|Reuters|Kyodo|Xinhua|UPI|dpa|EFE|ANSA|Bernama|TASS)[)\]]$/;

/** Rights notices, bracketed or not: "<All rights reserved by Yonhap>", "© 2023 Reuters". */
const rightsNotice =
  /^(?:<\s*(?:all rights reserved|copyright|©|ⓒ)[^<>]*>|(?:©|ⓒ|\(c\)\s|copyright\s+(?:©|ⓒ|\(c\)|\d{4})|all rights reserved\b).*)$/i;

const navigationLinks =
  /^(?:scroll to top|back to top|advertisement|read (?:it|more|the full (?:story|article)) (?:at|on) [\w .&-]{1,40})$/i;

/** Whole-line patterns, checked only where a line starts a sentence. */
const boilerplateLines: readonly RegExp[] = [
  /^sources?\s*:/i,
  // "By Kim Soo-yeon", "By JOSH SMITH and HYONHEE SHIN, Reuters": capitalised names only, so
  // "By contrast, …" stays a sentence.
  /^(?:By|BY)\s+\p{Lu}[\p{L}'’.-]*(?:(?:\s+|,\s*)(?:and\s+|&\s+)?\p{Lu}[\p{L}'’.-]*)*(?:\s+\(\p{Lu}+\))?$/u,
  /^\(?(?:(?:additional\s+)?reporting|writing|editing|compiled|translated)\s+by\b[^()]*\)?\.?$/i,
  // The wire's note to editors: "(ATTN: RECASTS headline, lead, ADDS …)", "(LEAD)".
  /^\((?:ATTN|EDITORS?(?:'|’)?\s*NOTE)\s*:[^()]*\)$/i,
];

/**
 * Whether a sentence-sized fragment is boilerplate: `(END)`, a wire credit, a rights notice, an
 * e-mail sign-off, a navigation link.
 */
export function isBoilerplateFragment(fragment: string): boolean {
  if (fragment.length > longestBoilerplateLine) return false;
  return (
    endMark.test(fragment) ||
    wireCredit.test(fragment) ||
    rightsNotice.test(fragment) ||
    navigationLinks.test(fragment) ||
    emailsOnly.test(fragment)
  );
}

/** Whether a whole line is boilerplate: a fragment as above, a source line, a byline, a credit. */
export function isBoilerplateLine(line: string): boolean {
  if (line.length > longestBoilerplateLine) return false;
  return isBoilerplateFragment(line) || boilerplateLines.some((pattern) => pattern.test(line));
}

const singleEmailAddress = new RegExp(`^${emailAddress}$`);

/** Whether the token `[start, end)` is an e-mail address standing alone. */
export function isEmailToken(text: string, start: number, end: number): boolean {
  if (end - start > 100) return false;
  // Look for the at sign inside the token only: searching the rest of the text would be quadratic.
  let hasAtSign = false;
  for (let index = start; index < end && !hasAtSign; index++) hasAtSign = text.charCodeAt(index) === 0x40;
  return hasAtSign && singleEmailAddress.test(text.slice(start, end));
}
