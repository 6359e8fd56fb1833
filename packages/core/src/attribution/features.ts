// The features the attribution tagger reads for each token. Each is a short string naming one
// fact ("w=said", "rvL", "q"), so the learned weights stay readable: which words, which signs.
// Computed once per token (the static part); the tags before it are added while decoding.
// This is the definition, used in training; feature-rows.ts computes the same features as rows
// of the weight table for tagging at speed, and a test holds the two equal.
import { reportingVerbs } from '../suggest/lexicon.ts';
import type { Token } from './tokens.ts';

/** The reporting and cue verbs of the suggestion lexicon, as plain lower-case words. */
export const cueWords: ReadonlySet<string> = new Set(
  [
    ...reportingVerbs.flatMap((alternation) => alternation.split('|')),
    'according',
    'believe',
    'believes',
    'believed',
    'think',
    'thinks',
    'thought',
    'argue',
    'argued',
    'suggested',
    'suggests',
    'wrote',
    'asked',
    'acknowledged',
    'admitted',
    'predicted',
    'insisted',
    'tweeted',
    'promised',
    'explained',
  ].filter((word) => /^[a-z]+$/.test(word)),
);

export const pronouns: ReadonlySet<string> = new Set(['he', 'she', 'they', 'i', 'we', 'it', 'you']);
export const quoteMarks: ReadonlySet<string> = new Set(['"', '“', '”', '‘', '’', "'"]);
export const sentenceEnds: ReadonlySet<string> = new Set(['.', '!', '?']);
/** How many tokens on each side a nearby cue word is seen from (`cwL1` … `cwR4`). */
export const cueWindow = 4;

/** A crude stem, so "warns", "warned" and "warning" share a weight. */
export function stemOf(word: string): string {
  return word.length > 4 ? word.replace(/(?:ing|ed|es|s)$/, '') : word;
}

export function shapeOf(word: string): string {
  if (/^\p{Lu}\p{Ll}/u.test(word)) return 'Xx';
  if (/^\p{Lu}+$/u.test(word)) return 'XX';
  if (/^\p{Ll}/u.test(word)) return 'x';
  if (/^\p{N}/u.test(word)) return 'd';
  return `p${word}`;
}

/** The static features of every token of a document. */
export function staticFeatures(tokens: readonly Token[]): string[][] {
  const lower = tokens.map((token) => token.text.toLowerCase());
  const isCueWord = lower.map((word) => cueWords.has(word));
  // Inside a double quotation, tracked over the whole document (quotations cross sentences).
  const inQuote: boolean[] = [];
  let isOpen = false;
  for (const token of tokens) {
    const text = token.text;
    if (text === '“') isOpen = true;
    else if (text === '”') isOpen = false;
    else if (text === '"') isOpen = !isOpen;
    inQuote.push(isOpen);
  }
  return tokens.map((token, index) => {
    const word = lower[index]!;
    const previous = lower[index - 1] ?? '<s>';
    const next = lower[index + 1] ?? '</s>';
    const features = [
      'b',
      `w=${word}`,
      `w-1=${previous}`,
      `w+1=${next}`,
      `w-2=${lower[index - 2] ?? '<s>'}`,
      `w+2=${lower[index + 2] ?? '</s>'}`,
      `w-1w=${previous}|${word}`,
      `ww+1=${word}|${next}`,
      `s3=${word.slice(-3)}`,
      `sh=${shapeOf(token.text)}`,
      `sh-1=${index > 0 ? shapeOf(tokens[index - 1]!.text) : '<s>'}`,
      `sh+1=${index + 1 < tokens.length ? shapeOf(tokens[index + 1]!.text) : '</s>'}`,
    ];
    features.push(`st=${stemOf(word)}`);
    if (isCueWord[index]) features.push(inQuote[index] ? 'cwq' : 'cw');
    for (let offset = 1; offset <= 3; offset++) {
      if (quoteMarks.has(tokens[index - offset]?.text ?? '')) features.push(`qL${offset}`);
      if (quoteMarks.has(tokens[index + offset]?.text ?? '')) features.push(`qR${offset}`);
    }
    if (pronouns.has(word)) features.push('pro');
    if (quoteMarks.has(token.text)) features.push('qm');
    if (inQuote[index]) features.push('q');
    if (index === 0 || sentenceEnds.has(lower[index - 1]!)) features.push('bos');
    for (let offset = 1; offset <= cueWindow; offset++) {
      if (isCueWord[index - offset]) features.push(`cwL${offset}`);
      if (isCueWord[index + offset]) features.push(`cwR${offset}`);
    }
    return features;
  });
}
