// Who a bare "Kim" is: wire copy names a person in full once ("Kim Yo-jong", "Unification
// Minister Kim Yung-ho") and by surname afterwards, so the nearest full "Kim …" name before a
// bare "Kim" decides whom it means and whether that person is North Korean.
import { northKoreanFullNames } from './lexicon.ts';

const fullKimName = /(?<![\w-])Kim\s+[A-Z][a-z]+-[a-z]+/g;
/** A North Korean marker just before a name: "North Korean Defense Minister Kim …". */
const northKoreanPrefix =
  /(?:North\s+Korean?|N\.\s?Korean?|N\.K\.|Pyongyang|the\s+North)(?:'s)?(?:\s+[\w-]+){0,4}\s+$/;
/** "the sister of leader Kim Jong-un": a name inside an of-phrase describes someone else. */
const ofPhrasePrefix = /\bof\s+(?:[\w.'-]+\s+){0,3}$/;
const normalisedNorthKoreanNames = new Set(northKoreanFullNames.map((name) => name.toLowerCase()));
const prefixWindow = 60;

export interface KimReference {
  name: string;
  isNorthKorean: boolean;
}

export interface KimResolver {
  /** The person a bare "Kim" at this document offset refers to. */
  resolveAt(offset: number): KimReference;
}

/** With no full name before it, "Kim" in wire copy about the North is its leader. */
const northKoreanLeader: KimReference = { name: 'Kim Jong-un', isNorthKorean: true };

export function createKimResolver(documentText: string): KimResolver {
  const fullNames: (KimReference & { start: number })[] = [];
  for (const match of documentText.matchAll(fullKimName)) {
    const before = documentText.slice(Math.max(0, match.index - prefixWindow), match.index);
    if (ofPhrasePrefix.test(before)) continue;
    const name = match[0].replace(/\s+/g, ' ');
    fullNames.push({
      start: match.index,
      name,
      isNorthKorean: normalisedNorthKoreanNames.has(name.toLowerCase()) || northKoreanPrefix.test(before),
    });
  }
  return {
    resolveAt(offset) {
      // Binary search for the last full name starting before the offset.
      let low = 0;
      let high = fullNames.length - 1;
      let nearest: KimReference | undefined;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const candidate = fullNames[middle]!;
        if (candidate.start < offset) {
          nearest = candidate;
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      return nearest ?? northKoreanLeader;
    },
  };
}
