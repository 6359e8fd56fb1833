// What a word ending in a period is, as far as sentence boundaries go.

/**
 * - `title`: stands before a name (Mr., Gen., Lt.) and never ends a sentence.
 * - `connective`: stands inside a sentence (e.g., i.e., vs.) and never ends one.
 * - `beforeNumber`: never ends a sentence before a number (No. 2, Nov. 21, pp. 4), else `ambiguous`.
 * - `ambiguous`: may end a sentence (U.S., Inc., a.m., etc.); it does only when the next word
 *   plainly starts a new one.
 * - `word`: an ordinary word or number; its period ends the sentence when a sentence can follow.
 */
export type PeriodWordKind = 'title' | 'connective' | 'beforeNumber' | 'ambiguous' | 'word';

const titles = new Set([
  'adm',
  'amb',
  'atty',
  'brig',
  'capt',
  'cmdr',
  'col',
  'cpl',
  'cpt',
  'dr',
  'fr',
  'ft',
  'gen',
  'gov',
  'hon',
  'insp',
  'lt',
  'maj',
  'messrs',
  'mme',
  'mlle',
  'mr',
  'mrs',
  'ms',
  'mt',
  'pfc',
  'pres',
  'prof',
  'pvt',
  'rep',
  'rev',
  'sen',
  'sgt',
  'spc',
  'supt',
]);

/** Personal titles that open a sentence as readily as a pronoun does ("…at 6 P.M. Mr. Smith then…"). */
export const sentenceOpeningTitles = new Set(['Mr', 'Mrs', 'Ms', 'Messrs', 'Dr', 'Prof']);

const connectives = new Set(['e.g', 'i.e', 'cf', 'vs', 'v', 'viz', 'ca']);

const beforeNumberAnyCase = new Set([
  'no',
  'nos',
  'nr',
  'n°',
  'pp',
  'vol',
  'vols',
  'art',
  'fig',
  'ch',
  'sec',
  'op',
]);

/** Month names in news style (AP abbreviates Jan., Feb., Aug., Sept., Oct., Nov., Dec.). */
const months = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec']);

const ambiguousAnyCase = new Set([
  'al',
  'approx',
  'assn',
  'ave',
  'blvd',
  'bros',
  'co',
  'corp',
  'dept',
  'est',
  'etc',
  'govt',
  'inc',
  'jr',
  'ltd',
  'natl',
  'ph.d',
  'rd',
  'sr',
  'st',
  'univ',
]);

/** Capitalised only, because in lower case they are ordinary words (ill., mass., wash.). */
const ambiguousCapitalised = new Set([
  'Ala',
  'Ariz',
  'Ark',
  'Calif',
  'Colo',
  'Conn',
  'Del',
  'Fla',
  'Ga',
  'Ill',
  'Ind',
  'Kan',
  'Ky',
  'La',
  'Mass',
  'Md',
  'Mich',
  'Minn',
  'Miss',
  'Mo',
  'Mont',
  'Neb',
  'Nev',
  'Okla',
  'Ore',
  'Pa',
  'Tenn',
  'Vt',
  'Va',
  'Wash',
  'Wis',
  'Wyo',
  'Mon',
  'Tue',
  'Tues',
  'Wed',
  'Thu',
  'Thur',
  'Thurs',
  'Fri',
  'Sat',
  'Sun',
]);

/** Letters joined by periods: U.S, U.N, N.K, E.U, a.m, p.m, U.S.A. */
const dottedInitials = /^(?:\p{L}\.)+\p{L}$/u;

/**
 * The kind of `stem`, the word before a single final period with any opening quotes or brackets
 * removed (`U.S` for `(U.S.`). `previousWord` is the word before it, which tells the pronoun "I"
 * ("you and I.") from an initial ("Albert I. Jones").
 */
export function periodWordKind(stem: string, previousWord: string | undefined): PeriodWordKind {
  if (stem.length === 0) return 'word';
  // E-mail addresses, URLs and domain names end in ordinary words (example.com., awesome.html.).
  if (stem.includes('@') || stem.includes('/')) return 'word';
  if (stem.length === 1 && stem.toLowerCase() !== stem.toUpperCase())
    return singleLetterKind(stem, previousWord);
  const lowerStem = stem.toLowerCase();
  if (connectives.has(lowerStem)) return 'connective';
  if (dottedInitials.test(stem)) return 'ambiguous';
  // "the South Korea-U.S. Foal Eagle exercises": an abbreviation closing a hyphenated compound.
  const afterHyphen = stem.slice(stem.lastIndexOf('-') + 1);
  if (afterHyphen !== stem && dottedInitials.test(afterHyphen)) return 'ambiguous';
  if (beforeNumberAnyCase.has(lowerStem) || months.has(stem)) return 'beforeNumber';
  const isCapitalised = stem[0] !== lowerStem[0];
  if (isCapitalised && titles.has(lowerStem)) return 'title';
  if (ambiguousAnyCase.has(lowerStem) || ambiguousCapitalised.has(stem)) return 'ambiguous';
  return 'word';
}

function singleLetterKind(letter: string, previousWord: string | undefined): PeriodWordKind {
  const lower = letter.toLowerCase();
  // "p. 55", "c. 1950", list letters "a. The first item": a lone lower-case letter is never final.
  if (letter === lower) return 'connective';
  const isPronounAfterLowercaseWord =
    letter === 'I' && previousWord !== undefined && previousWord[0] !== previousWord[0]?.toUpperCase();
  return isPronounAfterLowercaseWord ? 'word' : 'ambiguous';
}

/** Whether `word` (without its period) is a title such as `Gen` or `Mr`. */
export function isTitle(word: string): boolean {
  return word.length > 1 && word[0] !== word[0]?.toLowerCase() && titles.has(word.toLowerCase());
}
