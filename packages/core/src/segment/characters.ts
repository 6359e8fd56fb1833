// Character classes shared by the segmenter, as char-code tests so the hot loops allocate nothing.

/** JavaScript's `\s`, so that trimming here agrees exactly with `String.prototype.trim`. */
export function isWhitespace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Marks that may follow a sentence's final punctuation and still belong to it: `."`, `.)`, `!’`. */
export function isCloser(code: number): boolean {
  return (
    code === 0x22 || // "
    code === 0x27 || // '
    code === 0x29 || // )
    code === 0x5d || // ]
    code === 0x7d || // }
    code === 0xbb || // »
    code === 0x2019 || // ’
    code === 0x201d || // ”
    code === 0x203a || // ›
    code === 0x300d || // 」
    code === 0x300f // 』
  );
}

/** Marks that may precede the first letter of a sentence: `"The`, `(He`, `‘We`. */
export function isOpener(code: number): boolean {
  return (
    code === 0x22 ||
    code === 0x27 ||
    code === 0x28 ||
    code === 0x5b ||
    code === 0x7b ||
    code === 0xab ||
    code === 0xa1 || // ¡
    code === 0xbf || // ¿
    code === 0x2018 ||
    code === 0x201c ||
    code === 0x2039 ||
    code === 0x300c ||
    code === 0x300e
  );
}

/** Punctuation that can end a sentence on its own (the period is decided separately). */
export function isExclamationOrQuestion(code: number): boolean {
  return (
    code === 0x21 ||
    code === 0x3f ||
    code === 0x203c || // ‼
    code === 0x2047 || // ⁇
    code === 0x2048 || // ⁈
    code === 0x2049 || // ⁉
    code === 0x3002 || // 。
    code === 0xff01 || // ！
    code === 0xff1f // ？
  );
}

export const period = 0x2e;
export const horizontalEllipsis = 0x2026;

/** Bullets that always start a new list item, wherever they stand. */
export function isBullet(code: number): boolean {
  return (
    code === 0x2022 || // •
    code === 0x25e6 || // ◦
    code === 0x25aa || // ▪
    code === 0x25cf || // ●
    code === 0x25a0 || // ■
    code === 0x2023 || // ‣
    code === 0x2043 // ⁃
  );
}

/** Characters that, at the start of a line only, introduce a list item (`- item`, `* item`). */
export function isLineBullet(code: number): boolean {
  return code === 0x2d || code === 0x2a || code === 0x2013 || code === 0x2014;
}

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function isAsciiUppercase(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

export function isAsciiLowercase(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

const uppercaseLetter = /\p{Lu}|\p{Lt}/u;
const caselessLetter = /\p{Lo}/u;
const lowercaseLetter = /\p{Ll}/u;

/** An upper-case letter, or a letter of a script without case (Hangul, CJK) that may start a sentence. */
export function isCapitalOrCaseless(character: string): boolean {
  const code = character.charCodeAt(0);
  if (code < 128) return isAsciiUppercase(code);
  return uppercaseLetter.test(character) || caselessLetter.test(character);
}

export function isUppercase(character: string): boolean {
  const code = character.charCodeAt(0);
  if (code < 128) return isAsciiUppercase(code);
  return uppercaseLetter.test(character);
}

export function isLowercase(character: string): boolean {
  const code = character.charCodeAt(0);
  if (code < 128) return isAsciiLowercase(code);
  return lowercaseLetter.test(character);
}

/** Currency signs that can open a sentence ("$100 million was…"). */
export function isCurrencySign(code: number): boolean {
  return code === 0x24 || code === 0xa3 || code === 0xa5 || code === 0x20a9 || code === 0x20ac;
}
