// What a sentence says, reduced to what claim matching compares: content-word stems, numbers
// and named entities. Attribution words ("said", "KCNA", "according to") and hedges are left
// out on purpose: two outlets carry one claim however each attributes it.

/** The words of a sentence that claim matching compares, each under its stem. */
export interface ClaimFeatures {
  /** Content-word stem → the first word of the sentence that produced it. */
  stems: Map<string, string>;
  /**
   * Numbers as written without separators ("4,475" → "4475"), each with what it counts (the
   * unit or word after it, "date", "year" or "time"): only figures of one kind can conflict.
   */
  numbers: Map<string, string>;
  /** The kinds of `numbers`, kept once here: the scorer compares them for every pair. */
  numberKinds: Set<string>;
  /** Those kinds that are measurements (the claim's content), not dates, times or bare figures. */
  measurementKinds: Set<string>;
  /** Stems of capitalized words that are not sentence-initial function words. */
  entities: Set<string>;
  /** Whether the sentence is conditional or hedged ("if", "could", "likely"): a weaker proposition. */
  isHedged: boolean;
  /** Whether the sentence denies or doubts something ("not", "never", "could not"). */
  isNegated: boolean;
}

/** Dates, years, times and bare figures qualify a claim; a measurement ("320 seconds") is its content. */
const qualifierKinds = new Set(['date', 'year', 'time', 'figure', 'name', 'place']);

const hedgePattern = /\b(?:if|could|would|may|might|likely|possibly|probably|expected|believed|thought)\b/i;
const negationPattern = /\b(?:not|never|no|neither|nor|cannot|unable)\b|n[’']t\b/i;

const wordPattern = /[\p{L}][\p{L}'’-]*|\d[\d,.:]*\d|\d/gu;
/** Stems are word prefixes: wire copy inflects ("launched"/"launches") more than it derives. */
const stemLength = 6;
const minimumWordLength = 3;

// Function words, reporting verbs, attribution sources, hedges and qualifiers that do not
// split a claim (README of the claim-links set: "hedges and attribution verbs do not"), and the
// names every article Attest is made for carries (North Korea, its leader): they say what the
// coverage is about, not which claim a sentence makes, and would otherwise tie any two headlines.
const ignoredWords = new Set(
  `a an the and or but if of to in on at by for from with as into onto over under about after
  before since until than then that this these those there their them they its it it's he she his
  her him we our us you your i me my who whom whose which what when where while also still even
  just only very more most much many some any all each both other such own same so not no nor
  too can could may might must shall should will would be is are was were been being am has
  have had having do does did done say says said saying claim claims claimed claiming report
  reports reported reporting reportedly announce announced announces announcement statement
  according state-run state media agency news official officially tv television broadcast
  broadcaster kcna yonhap reuters afp ap xinhua tass told tell tells added add adds noted note
  revealed reveal reveals confirmed confirm confirms declared declare declares stated described
  describing apparently appeared appears seemed likely possibly allegedly wednesday thursday
  friday saturday sunday monday tuesday today yesterday earlier later day week local time
  mr ms mrs new first one year years however meanwhile while
  again against because below between down during few further here hers herself himself how
  itself myself off once ought ours ourselves out through why yours yourself yourselves
  immediately independently
  north korea korean korea's pyongyang dprk kim jong leader country`.split(/\s+/),
);

// Reporting vocabulary under any inflection ("announcer", "citing", "statements", "quoted", "read
// out by a news reader"): how a claim reached the page, never which claim it is.
const reportingWord =
  /^(?:announc|report|claim|declar|reveal|describ|confirm|verif|corroborat|quot|cit(?:e|es|ed|ing)$|stat(?:ed|ement|ements)$|read$|accord)/;

/** "could not be independently confirmed", "has not been verified": one claim about the evidence, however worded. */
const unverifiedPattern =
  /\b(?:not|never|cannot|unable to|n[’']t)\b(?:\s+\p{L}+){0,3}?\s+(?:confirm|verif|corroborat)\p{L}*/iu;

// Wire copy names one thing several ways; each group below is compared as its first word.
const synonymGroups = [
  'test tested tests testing test-fired test-fire detonated detonate conducted conduct carried performed launched launch launches launching fired',
  'hydrogen h-bomb thermonuclear',
  'intercontinental icbm inter-continental',
  'missile rocket',
  'ill unwell sick',
  'coronavirus covid covid-19 virus outbreak pandemic',
  'leaflets pamphlets',
  'appearance appeared appears reappears surfaces surfaced resuming',
  'ribbon tape',
  'plant factory facility',
  'ceremony inauguration opening',
  'mainland territory',
  'unsuccessful failed failure failures',
  'violation violates violating',
  // Saying a goal is reached: "completed the force", "realised the cause", "created a full-fledged force".
  // Reporting vocabulary of North Korea coverage that outlets swap freely.
  'pyongyang dprk',
  'reach hit striking strike range anywhere',
  'entire whole',
  'spy reconnaissance surveillance',
  'blame blamed blames blaming accused accuses',
  'vowed vows vow pledged pledges threatened threatens warned warns',
  'retaliation retaliate revenge',
  'rumours rumors speculation',
  'absence disappearance whereabouts',
  'completed complete completing completion realized realised realize realise achieved achieve created create full-fledged fully-fledged',
];
const canonicalWords = new Map(
  synonymGroups.flatMap((group) => {
    const [canonical, ...words] = group.split(' ');
    return words.map((word) => [word, canonical as string] as const);
  }),
);

/** "U.S.", "US", "the United States" and "America" are one name (and "US" is too short to count as a word). */
const unitedStatesPattern =
  /\b(?:U\.\s?S\.?(?:\s?A\.?)?|US|USA|United States(?: of America)?|America)(?!\p{L})/gu;

/** Reduces a sentence to the stems, numbers and entities that claim matching compares. */
export function claimFeatures(text: string): ClaimFeatures {
  const stems = new Map<string, string>();
  const numbers = new Map<string, string>();
  const entities = new Set<string>();
  let isFirstWord = true;
  const normalized = text.replace(unitedStatesPattern, ' usa ');
  for (const { 0: word, index } of normalized.matchAll(wordPattern)) {
    if (/^\d/.test(word)) {
      numbers.set(
        normalizeNumber(word),
        numberKind(word, normalized.slice(0, index), normalized.slice(index + word.length)),
      );
      isFirstWord = false;
      continue;
    }
    const lowerCased = word
      .toLowerCase()
      .replace(/[’']s$/, '')
      .replace(/[’']/g, '');
    const isCapitalized = /^\p{Lu}/u.test(word);
    const wasFirstWord = isFirstWord;
    isFirstWord = false;
    if (
      lowerCased.length < minimumWordLength ||
      ignoredWords.has(lowerCased) ||
      reportingWord.test(lowerCased)
    )
      continue;
    const stem = (canonicalWords.get(lowerCased) ?? lowerCased).slice(0, stemLength);
    if (!stems.has(stem)) stems.set(stem, word);
    if (isCapitalized && !wasFirstWord && word !== word.toUpperCase()) entities.add(stem);
  }
  if (unverifiedPattern.test(text)) stems.set('unverified', 'not confirmed');
  const numberKinds = new Set(numbers.values());
  return {
    stems,
    numbers,
    numberKinds,
    measurementKinds: new Set([...numberKinds].filter((kind) => !qualifierKinds.has(kind))),
    entities,
    isHedged: hedgePattern.test(text),
    isNegated: negationPattern.test(text),
  };
}

const months =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s*$/i;
const units = new Map(
  [
    'km kilometers kilometres kilometer kilometre',
    'mi miles mile',
    'minute minutes min mins',
    'second seconds sec secs',
    'hour hours hrs',
    'day days',
    'week weeks',
    'percent per %',
    'time am a.m pm p.m gmt kst',
  ].flatMap((group) => {
    const [kind = '', ...words] = group.split(' ');
    return [kind, ...words].map((word) => [word, kind] as const);
  }),
);

const placeDistance =
  /^\s*-?\s*(?:km|kilomet(?:er|re)s?|mi|miles?)\b\.?\s+(?:north|south|east|west|northeast|northwest|southeast|southwest|away|from|off|outside)\b/i;

/** What a figure counts, read off its neighbours: "950 km", "April 11", "10:00", "3 attempts". */
function numberKind(written: string, before: string, after: string): string {
  if (/\d:\d/.test(written)) return 'time';
  // A model number is part of a name: "Hwasong-15", "Chollima-9", "Covid-19".
  if (/\p{L}-$/u.test(before)) return 'name';
  if (months.test(before)) return 'date';
  // "50 kilometers north of Pyongyang" says where a place is: background, not a measurement.
  if (placeDistance.test(after)) return 'place';
  const next = /^\s*-?\s*([\p{L}%][\p{L}.]*)/u.exec(after)?.[1]?.toLowerCase().replace(/\.$/, '') ?? '';
  if (/^\d{4}$/.test(written) && /^(?:19|20)/.test(written) && !units.has(next)) return 'year';
  if (months.test(`${next} `.trimEnd())) return 'date';
  if (units.has(next)) return units.get(next) as string;
  if (!next || next.length < minimumWordLength || ignoredWords.has(next)) return 'figure';
  return next.slice(0, 6);
}

function normalizeNumber(written: string): string {
  // "10:00" and "10 a.m." are one time.
  return written
    .replace(/,(?=\d{3}\b)/g, '')
    .replace(/[.,:]$/, '')
    .replace(/:00$/, '');
}

/**
 * The words claim matching compares, as one string (stems, synonyms joined, attribution and
 * topic words left out): what the database finds claim candidates by (its words, as claim keys)
 * and ranks them by (trigram similarity), so a paraphrase is near its original where the raw
 * texts share few words and trigrams.
 */
export function claimText(text: string): string {
  return [...claimFeatures(text).stems.keys()].sort().join(' ');
}
