// The one word list behind suggest(): who can be a source, which verbs attribute content to a
// source, which words hedge it, and which phrases carry an attribution on to the next sentence.
//
// Where the categories come from (the lists themselves are written for this project, for
// English wire copy about North Korea; nothing is copied from the resources below):
// - PARC 3.0 (Pareti, "PARC 3.0: A Corpus of Attribution Relations", LREC 2016): an attribution
//   relation has a SOURCE, a CUE (reporting verb, "according to", a colon in a headline) and
//   CONTENT, and attributions nest ("Yonhap ← KCNA ← Kim said …"). That gives the source and
//   reporting-verb lists, the nested `chain`, and the idea that a source mentioned without a cue
//   attributes nothing (a sentence *about* the KCNA is not *by* the KCNA).
// - FactBank (Saurí & Pustejovsky, 2009): factuality is judged per source, and the author's own
//   commitment differs from a cited source's. That is why a hedge inside a state-media report
//   stays a KCNA claim, while the same hedge on the outlet's or an official's voice makes the
//   sentence an observer inference.
// - CoNLL-2010 shared task on hedge cue detection (Farkas et al., 2010): hedges are cue words
//   and phrases (modal auxiliaries, epistemic adverbs and adjectives, verbs of speculation,
//   "it is believed"), found as spans. That gives the hedge lists and their split into modals,
//   adverbs and frames.
// - The project's GUIDELINES.md: which sources count as state media, the cue examples for
//   observer inference, and the carry-over phrases ("It added", "she said", "the agency",
//   "the paper", continuing quotations).
//
// Every pattern is a regular-expression source; the modules that use them compile them once, at
// load time. Sources and modals are matched case-sensitively (names and the month "May" need
// it), so their patterns spell out a capital where a sentence may start; other lists ignore
// case. Order matters inside `sourceEntries`: more specific patterns come before the general
// ones they overlap ("North Korea's foreign ministry" before "North Korea").

/** The kind of voice a source is; it decides which label its content gets. */
export type SourceKind =
  /** KCNA, Rodong Sinmun, KCTV, "state media" — their content is a KCNA claim. */
  | 'state_media'
  /** A North Korean official, ministry or the leader, who speaks through state media. */
  | 'north_korean_official'
  /** "North Korea", "Pyongyang", "the North" — a source only directly before a reporting verb. */
  | 'north_korean_state'
  /** South Korean, U.S. and other governments, militaries and institutions reporting events. */
  | 'official'
  /** Foreign news agencies relaying a report ("…, Yonhap said"): facts, and no new voice to carry on. */
  | 'news_agency'
  /** Analysts, experts, observers, think tanks, intelligence services: their content is judgement. */
  | 'observer';

export interface SourceEntry {
  /** The normalised entity recorded as `source` and in the `chain`; null to use the mention's own words. */
  name: string | null;
  kind: SourceKind;
  /** Alternative surface forms, as regular-expression sources, longest first. */
  patterns: readonly string[];
}

/** An optional article, either case: sources are matched case-sensitively because names are. */
const the = String.raw`(?:[Tt]he\s+)?`;
const aOrThe = String.raw`(?:[Aa]n?\s+|[Tt]he\s+)`;
const theNorths = String.raw`(?:[Tt]he\s+North|North\s+Korea|N\.\s?Korea|Pyongyang)['’]s`;
const northKorean = String.raw`(?:North\s+Korean|N\.\s?Korean|N\.K\.|NK|${theNorths})`;
/** "the socialist country's", "the regime's": the North named by a description, in North Korean news. */
const theCountrys = String.raw`[Tt]he\s+(?:socialist|communist|reclusive|isolated|secretive|hermit)\s+(?:country|state|nation|regime|kingdom)['’]s`;
/** Words for a news medium, in running text or a title-case headline. */
const mediumNouns = String.raw`[Mm]edia|[Nn]ews\s+[Oo]utlets?|[Nn]ewspapers?|[Pp]aper|[Dd]aily|[Nn]ews\s+wire(?:\s+service)?|[Nn]ews\s+service|[Rr]adio|[Tt]elevision|TV|[Bb]roadcaster|[Mm]outhpiece|[Ww]eb\s?sites?|[Pp]ropaganda\s+(?:outlets?|websites?)`;
const southKorean = String.raw`(?:South\s+Korean|S\.\s?Korean|(?:South\s+Korea|S\.\s?Korea|Seoul)['’]s)`;

const requiredTails = new Map<string, string>();

/**
 * `lead`, a run of any words, then `tail`. Such a pattern is tried, and backtracks through the
 * run, at every word of every sentence, so it cost as much as all the other sources together;
 * every match holds `tail`, so sources.ts leaves the pattern out of the scan of a text where
 * `tail` occurs nowhere (`requiredTailOf`).
 */
function anyWordsThen(lead: string, run: string, tail: string): string {
  const pattern = `${lead}${run}${tail}`;
  requiredTails.set(pattern, tail);
  return pattern;
}

/** What every match of a source pattern holds, when the pattern opens with a run of any words. */
export function requiredTailOf(pattern: string): string | undefined {
  return requiredTails.get(pattern);
}

/** Sources in the order they are tried at a given position: specific before general. */
export const sourceEntries: readonly SourceEntry[] = [
  {
    name: 'KCNA',
    kind: 'state_media',
    patterns: [
      String.raw`${the}(?:${northKorean}\s+)?(?:official\s+|state(?:-run)?\s+)?Korean\s+Central\s+News\s+Agency(?:\s*\(KCNA\))?`,
      String.raw`${the}${northKorean}\s+(?:official|state(?:-run)?|state-controlled)\s+news\s+agency`,
      String.raw`${the}(?:official\s+|state(?:-run)?\s+)?KCNA(?:\s+news\s+agency)?`,
    ],
  },
  {
    name: 'Rodong Sinmun',
    kind: 'state_media',
    patterns: [
      String.raw`${the}(?:${northKorean}\s+)?Rodong\s+Sinmun`,
      String.raw`${the}(?:${northKorean}\s+)?(?:main\s+|official\s+)?(?:newspaper|daily|organ)\s+of\s+the\s+(?:ruling\s+)?Workers['’]\s+Party(?:\s+of\s+Korea)?`,
    ],
  },
  {
    name: 'KCTV',
    kind: 'state_media',
    patterns: [
      String.raw`${the}(?:${northKorean}\s+)?Korean\s+Central\s+(?:Television|TV)(?:\s*\(KCTV\))?`,
      String.raw`${the}KCTV`,
    ],
  },
  {
    name: 'Minju Joson',
    kind: 'state_media',
    patterns: [String.raw`${the}Minju\s+Joson`],
  },
  {
    name: 'Tongil Sinbo',
    kind: 'state_media',
    patterns: [String.raw`${the}Tongil\s+Sinbo`],
  },
  {
    name: 'Pyongyang Radio',
    kind: 'state_media',
    patterns: [
      String.raw`(?:${the}(?:state-run\s+)?|${northKorean}\s+)(?:Pyongyang\s+Radio|Radio\s+Pyongyang|Korean\s+Central\s+Broadcasting\s+Station|Voice\s+of\s+Korea)`,
    ],
  },
  {
    name: 'Uriminzokkiri',
    kind: 'state_media',
    patterns: [String.raw`${the}(?:propaganda\s+(?:website|outlet)\s+)?Uriminzokkiri`],
  },
  {
    name: 'state media',
    kind: 'state_media',
    patterns: [
      String.raw`${the}(?:${northKorean}\s+|North(?:ern)?\s+)?(?:[Ss]tate(?:-run|-controlled)?|[Oo]fficial|[Pp]ropaganda)\s+(?:media|television|TV|radio|broadcaster|outlets?|press|news\s+outlets?|websites?)`,
      // "North Korea's official newspaper", "the socialist country's media", "NK media",
      // "N. Korean newspaper", "North Korean news outlets", "the North's official news wire service".
      String.raw`${aOrThe}?(?:${northKorean}|${theCountrys})\s+(?:(?:main|official|state(?:-run|-controlled)?|government|party|ruling\s+party|propaganda|[Ww]orkers['’]\s+[Pp]arty)\s+)?(?:${mediumNouns})`,
      String.raw`(?:North\s+Korea|N\.\s?Korea)\s+[Mm]edia`,
      // "a state television news reader", "the country's central TV".
      String.raw`${aOrThe}(?:state(?:-run)?\s+)?(?:television|TV|radio)\s+(?:news\s?reader|news\s+reader|presenter|announcer|anchor)`,
      String.raw`${the}country['’]s\s+(?:central\s+|state\s+)?(?:TV|television|media|radio)`,
      // "a weekly government mouthpiece of North Korea", "a Web site of the regime".
      String.raw`${aOrThe}(?:[\w-]+\s+){0,2}mouthpiece(?:\s+of\s+(?:the\s+)?(?:North(?:\s+Korea)?|Pyongyang|regime))?`,
      String.raw`${aOrThe}(?:[Ww]eb\s?site|[Nn]ewspaper|[Pp]aper|[Mm]edia\s+outlet)\s+(?:of|run\s+by)\s+the\s+(?:regime|North)`,
    ],
  },
  {
    name: 'Kim Jong-un',
    kind: 'north_korean_official',
    patterns: [
      String.raw`(?:${northKorean}\s+)?(?:leader\s+)?Kim\s+Jong[-\s]?[Uu]n`,
      String.raw`${the}${northKorean}\s+leader`,
    ],
  },
  {
    name: 'Kim Yo-jong',
    kind: 'north_korean_official',
    patterns: [
      anyWordsThen(
        String.raw`(?:${northKorean}\s+)?`,
        String.raw`(?:[A-Za-z][\w-]*\s+){0,4}`,
        String.raw`Kim\s+Yo[-\s]?[Jj]ong`,
      ),
    ],
  },
  {
    name: 'Choe Son-hui',
    kind: 'north_korean_official',
    patterns: [String.raw`(?:${northKorean}\s+)?(?:Foreign\s+Minister\s+)?Choe\s+Son[-\s]?hui`],
  },
  {
    name: null,
    kind: 'north_korean_official',
    patterns: [
      // A named North Korean figure: "North Korean Defense Minister Kang Sun-nam".
      String.raw`${northKorean}\s+(?:[A-Z][\w-]*\s+){0,4}(?:[A-Z][a-z]+\s+[A-Z][a-z]+-[a-z]+)`,
      // Institutions and office holders: "the North's foreign ministry", "a North Korean spokesperson".
      String.raw`${aOrThe}?${northKorean}\s+(?:[\w-]+\s+){0,3}(?:ministry|minister|spokes(?:man|woman|person)|officials?|government|military|army|regime|committee|commission|council|department|envoy|ambassador|mission|embassy|delegation|general\s+staff|institute|party|authorit(?:y|ies)|administration)`,
      String.raw`${the}(?:ruling\s+)?Workers['’]\s+Party(?:\s+of\s+Korea)?(?:'s\s+Central\s+Committee)?`,
      String.raw`${the}Korean\s+People['’]s\s+Army(?:\s*\(KPA\))?`,
    ],
  },
  {
    name: 'North Korea',
    kind: 'north_korean_state',
    patterns: [String.raw`North\s+Korea|N\.\s?Korea|N\.K\.|[Tt]he\s+North|Pyongyang|${the}DPRK`],
  },
  {
    name: 'NIS',
    kind: 'observer',
    patterns: [
      String.raw`(?:${southKorean}\s+)?${the}National\s+Intelligence\s+Service(?:\s*\(NIS\))?`,
      String.raw`${the}NIS`,
      String.raw`(?:${southKorean}\s+|[Tt]he\s+)?(?:main\s+)?spy\s+agency`,
    ],
  },
  {
    name: null,
    kind: 'observer',
    patterns: [
      String.raw`(?:[Tt]he\s+|[Ss]ome\s+)?(?:South\s+Korean\s+|U\.S\.\s+|American\s+|Western\s+|Japanese\s+)?[Ii]ntelligence\s+(?:officials?|services?|agenc(?:y|ies)|sources?|community|assessments?)`,
    ],
  },
  {
    name: null,
    kind: 'observer',
    patterns: [
      String.raw`(?:[Ss]ome\s+|[Mm]any\s+|[Mm]ost\s+|[Oo]ther\s+|[Ss]everal\s+)?(?:[Aa]nalysts|[Ee]xperts|[Oo]bservers|[Ww]atchers|[Cc]ritics|[Ss]cholars|[Rr]esearchers|[Cc]ommentators|[Pp]undits|[Ss]pecialists)`,
      anyWordsThen(
        String.raw`(?:[Aa]n?\s+|[Tt]he\s+|[Oo]ne\s+)`,
        String.raw`(?:[\w.-]+\s+){0,3}`,
        String.raw`(?:analyst|expert|observer|watcher|scholar|researcher|commentator|specialist|professor|fellow)`,
      ),
      anyWordsThen(
        the,
        String.raw`(?:[A-Z][\w-]*\s+){1,4}`,
        String.raw`(?:Institute|Center|Centre|Foundation)(?:\s+for(?:\s+[A-Z][\w-]*)+)?`,
      ),
      String.raw`38\s+North`,
      String.raw`[Tt]hink\s+tanks?`,
    ],
  },
  {
    name: 'JCS',
    kind: 'official',
    patterns: [
      String.raw`(?:${southKorean}\s+)?${the}Joint\s+Chiefs\s+of\s+Staff(?:\s*\(JCS\))?`,
      String.raw`${the}JCS`,
    ],
  },
  {
    name: 'Unification Ministry',
    kind: 'official',
    patterns: [
      String.raw`(?:${southKorean}\s+)?${the}(?:[Uu]nification\s+[Mm]inistry|Ministry\s+of\s+Unification)(?:\s+(?:officials?|spokes(?:man|woman|person)))?(?:\s+[A-Z][a-z]+\s+[A-Z][a-z]+-[a-z]+)?`,
      String.raw`Unification\s+Minister(?:\s+[A-Z][a-z]+\s+[A-Z][a-z]+-[a-z]+)?`,
    ],
  },
  {
    name: 'South Korean government',
    kind: 'official',
    patterns: [
      String.raw`${aOrThe}?(?:senior\s+)?${southKorean}\s+(?:[\w-]+\s+){0,3}(?:ministry|minister|officials?|military|government|navy|army|air\s+force|coast\s+guard|police|spokes(?:man|woman|person)|office|lawmakers?|prosecutors?)`,
      String.raw`${the}(?:presidential\s+office|Cheong\s+Wa\s+Dae)`,
      String.raw`(?:South\s+Korean\s+)?President\s+(?:Yoon\s+Suk\s+Yeol|Lee\s+Jae[-\s]myung|Moon\s+Jae[-\s]in|Yoon|Lee|Moon)`,
      String.raw`${the}(?:[Dd]efense|[Ff]oreign|[Uu]nification)\s+[Mm]inistry(?:\s+(?:officials?|spokes(?:man|woman|person)))?`,
      String.raw`${the}Bank\s+of\s+Korea(?:\s*\(BOK\))?`,
    ],
  },
  {
    name: 'U.S. government',
    kind: 'official',
    patterns: [
      String.raw`${aOrThe}?(?:senior\s+|deputy\s+)?(?:U\.S\.|US|American|Washington['’]s)\s+(?:[\w-]+\s+){0,3}(?:officials?|government|administration|military|Forces\s+Korea|Indo-Pacific\s+Command|State\s+Department|Defense\s+Department|envoy|ambassador|spokes(?:man|woman|person))`,
      String.raw`${the}(?:Pentagon|State\s+Department|White\s+House|USFK)`,
      String.raw`Secretary\s+of\s+(?:State|Defense)(?:\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?`,
      String.raw`(?:U\.?S\.?\s+|American\s+)?President\s+(?:Donald\s+Trump|Joe\s+Biden|Barack\s+Obama|George\s+W\.\s+Bush|Trump|Biden|Obama)`,
    ],
  },
  {
    name: 'Japanese government',
    kind: 'official',
    patterns: [
      String.raw`${the}(?:Japan['’]s|Japanese)\s+(?:[\w-]+\s+){0,3}(?:[Mm]inistry|[Mm]inister|officials?|government|coast\s+guard|military|Self-Defense\s+Forces)`,
      String.raw`Tokyo`,
    ],
  },
  {
    // News agencies that relay reports ("…, Yonhap said"): they report, they do not judge.
    name: null,
    kind: 'news_agency',
    patterns: [
      String.raw`${the}Yonhap(?:\s+[Nn]ews(?:\s+[Aa]gency)?)?|${aOrThe}South\s+Korean\s+news\s+agency|Reuters|${the}Associated\s+Press|Kyodo(?:\s+News)?|Xinhua|Agence\s+France-Presse`,
    ],
  },
  {
    name: 'United Nations',
    kind: 'official',
    patterns: [
      String.raw`${the}(?:U\.N\.|United\s+Nations)(?:\s+(?:[\w-]+\s+){0,3}(?:Security\s+Council|panel|agency|officials?|spokes(?:man|woman|person)|Command|report))?`,
      String.raw`${the}(?:IAEA|International\s+Atomic\s+Energy\s+Agency)`,
    ],
  },
  {
    name: null,
    kind: 'official',
    patterns: [
      String.raw`${aOrThe}?(?:[Ss]enior\s+|[Gg]overnment\s+|[Mm]ilitary\s+|[Mm]inistry\s+|[Dd]efense\s+|Seoul\s+)+officials?`,
      String.raw`[Oo]fficials(?:\s+in\s+(?:Seoul|Washington|Tokyo|Beijing))?`,
      anyWordsThen(
        `${aOrThe}?`,
        String.raw`(?:[\w-]+\s+){0,3}`,
        String.raw`officials?\s+from\s+(?:South\s+Korea|Seoul|the\s+U\.S\.|Washington|Japan|Tokyo)`,
      ),
    ],
  },
];

/** The names recorded for state media (the `state_media` entries): checks outside the suggester must know them all. */
export const stateMediaNames: readonly string[] = sourceEntries.flatMap((entry) =>
  entry.kind === 'state_media' && entry.name !== null ? [entry.name] : [],
);

/**
 * Reporting verbs (PARC 3.0 "cues"): a source directly before one of these, or directly after
 * it ("…, said the KCNA"), is attributing the sentence's content.
 */
export const reportingVerbs: readonly string[] = [
  String.raw`said|says|say|saying`,
  String.raw`reported|reports|report|reporting`,
  String.raw`added|adds|noted|notes|stated|states|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underscored`,
  String.raw`claimed|claims|claim|insisted|insists|asserted|asserts|argued|argues|maintained|maintains`,
  String.raw`announced|announces|declared|declares|confirmed|confirms|revealed|reveals|disclosed|discloses`,
  String.raw`told|tells|quoted|quotes|cited|cites|described|describes|called|calls|labell?ed|branded`,
  String.raw`warned|warns|warn|vowed|vows|vow|pledged|pledges|threatened|threatens|urged|urges|urge|demanded|demands`,
  String.raw`accused|accuses|denounced|denounces|slammed|slams|blasted|blasts|condemned|condemns|criticized|criticizes|lambasted|lashed\s+out|rejected|rejects|denied|denies|dismissed|dismisses`,
  String.raw`praised|praises|hailed|hails|lauded|lauds|boasted|boasts|touted|highlighted|expressed|explained|mentioned|commented|wrote|writes|replied|responded|pointed\s+out`,
  String.raw`showed|shows`,
];

/**
 * Publication verbs: "the Rodong Sinmun carried a report on the visit" describes what the paper
 * did; it attributes content only when the content follows ("carried a statement saying …").
 */
export const publicationVerbs = String.raw`posted|posts|published|publishes|released|releases|carried|carries|broadcast|broadcasts|aired|airs|ran|issued|issues`;

/** What links a publication verb to the content it carries. */
export const contentLinks = String.raw`that|saying|claiming|quoting|calling|accusing|urging|warning|describing|denouncing|insisting|stressing|in\s+which|which\s+(?:said|claimed|called)`;

/** Opinion and assessment verbs: with any source, they make the content a judgement. */
export const opinionVerbs: readonly string[] = [
  String.raw`questioned|questions|question|believes?|believed|thinks?|doubts?|doubted|suspects?|suspected|speculated?|speculates`,
  String.raw`expects?|expected|predicts?|predicted|forecasts?|forecast|estimates|assess(?:es|ed)?|analy[sz](?:es|ed)|presumes?|presumed`,
  String.raw`views?\s+(?:it|this|that|the\s+\w+)\s+as|sees?\s+(?:it|this|that|the\s+\w+)\s+as`,
];

/** Words that introduce the source after them: "according to the KCNA", "carried by state media". */
export const attributionPrepositions: readonly string[] = [
  String.raw`according\s+to`,
  String.raw`(?:carried|published|released|reported|broadcast|aired|run|issued|quoted|cited|relayed|distributed|read(?:\s+out)?)\s+(?:by|in|on|through|via)`,
  String.raw`citing`,
  String.raw`(?:in\s+)?(?:a|an|its|the)\s+(?:[\w-]+\s+){0,2}(?:statement|report|dispatch|commentary|editorial|article|interview|broadcast|bulletin|press\s+release)\s+(?:carried\s+by|published\s+by|released\s+by|through|by|in|on|with)`,
];

/** Prepositions that attribute only when a news medium follows: "via KCNA", "in the Rodong Sinmun". */
export const mediumPrepositions = String.raw`via|through|in|on`;

/** Nouns that can stand between a source and its verb: "the KCNA report said", "KCNA's dispatch showed". */
export const reportNouns = String.raw`report|reports|dispatch|commentary|statement|article|editorial|footage|photos?|images?|pictures?|broadcast|bulletin|announcement|website|account|readout`;

/** Negations that turn "the KCNA said" into a sentence *about* state media: "KCNA did not say". */
export const negatedReporting = String.raw`did\s+not|didn't|does\s+not|doesn't|has\s+not|hasn't|have\s+not|haven't|had\s+not|made\s+no|gave\s+no|offered\s+no|provided\s+no|carried\s+no|was\s+silent|remained\s+silent|did\s+not\s+immediately`;

/**
 * Hedge cues (CoNLL-2010 style) with GUIDELINES.md's observer-inference cues. `frames` are
 * strong enough to make a sentence an inference even when it mentions state media
 * ("The report raised speculation that …"); `modals` and `adverbs` yield to an explicit
 * state-media attribution, because then the hedge belongs to the state media's own content.
 */
export const hedgeCues = {
  adverbs: [
    String.raw`apparently|seemingly|likely|unlikely|probably|possibly|perhaps|presumably|reportedly|allegedly|supposedly|purportedly|potentially|conceivably|arguably`,
  ],
  modals: [
    // Matched case-sensitively: capitalised "May" is the month unless "be"/"have" follows, and
    // "could not be reached" is a past inability, not a hedge.
    String.raw`may(?!\s+not\s+be\s+reached)|May(?=\s+(?:be|have|not)\b)|[Mm]ight|[Cc]ould(?!\s*n[o']t\b)|must\s+have`,
  ],
  frames: [
    String.raw`appears?\s+to|appeared\s+to|appears?\s+that|seems?\s+to|seemed\s+to|in\s+what\s+(?:appears|appeared|seems|seemed)`,
    String.raw`(?:almost\s+)?certainly|(?:is|was|are|were)\s+(?:almost\s+)?certain\s+to`,
    String.raw`(?:is|are|was|were|be|been|being|widely|largely)\s+(?:not\s+)?(?:yet\s+)?(?:widely\s+|largely\s+|generally\s+)?(?:expected|believed|thought|seen|viewed|considered|presumed|suspected|estimated|projected|predicted|interpreted|regarded|understood|feared|tipped)\s+(?:to|as|that)`,
    String.raw`(?:raised|raising|raises|fuell?ed|fuell?ing|fuels|sparked|sparking|sparks|prompted|prompting|stoked|stoking|triggered|triggering|fanned|fanning|added\s+to)\s+(?:[\w-]+\s+){0,2}(?:speculation|suspicions?|concerns?|questions|fears|worries|doubts|expectations?|hopes)`,
    // "speculation that …" hedges; "speculation over his health" is only the topic.
    String.raw`(?:speculation|conjecture)\s+(?:that|whether)|speculative`,
    String.raw`skeptic(?:ism|al)|sceptic(?:ism|al)|credence|cast(?:s|ing)?\s+doubts?|expressed\s+doubts?|doubtful|if\s+(?:successful|confirmed|true|accurate|verified)`,
    String.raw`aims?\s+to|aimed\s+(?:at|to)|in\s+a\s+(?:bid|move|apparent\s+attempt|push)\s+to|seeking\s+to|seeks\s+to|intended\s+to|designed\s+to|meant\s+to|calculated\s+to`,
    String.raw`(?:a|an)\s+(?:apparent|possible|likely|clear|strong)\s+(?:sign|signal|indication|message|attempt|bid|move|effort|warning)`,
    String.raw`(?:signals?|signalled|signaled|signall?ing|suggests?|suggested|suggesting|indicates?|indicated|indicating|hints?|hinted|hinting)\s+(?:that|its|a|an|the|North|Pyongyang|Kim)`,
    String.raw`(?:it\s+(?:is|was|remains)\s+)?(?:unclear|uncertain|not\s+clear|not\s+known|unknown|to\s+be\s+seen)\s+(?:whether|if|how|why|when|what)`,
    // Epistemic "possible" is predicative ("it is possible that"); "a possible strike" names an event.
    String.raw`${the}(?:possibility|prospect|chance|likelihood)\s+(?:of|that)|(?:is|was|are|were|be|seems?|remains?)\s+(?:quite\s+|very\s+|entirely\s+)?(?:possible|probable|plausible)|(?:possible|probable|plausible)\s+that|presumed`,
    String.raw`analysts?\s+say|observers?\s+say|experts?\s+say|according\s+to\s+(?:analysts|experts|observers)`,
  ],
} as const;

/**
 * Phrases that attribute through the previous sentence (carry-over). When one of these is the
 * subject of a reporting verb ("It added", "the paper said", "she said"), the sentence takes the
 * attribution still in scope.
 */
export const anaphoricSources = String.raw`it|he|she|they|${the}(?:news\s+)?agency|${the}(?:news)?paper|${the}daily|${the}broadcaster|${the}station|[Tt]he\s+(?:web\s?site|outlet|media|radio)|${the}(?:report|dispatch|commentary|editorial|statement|article|bulletin|announcement|readout|message|letter|speech|address)|${the}(?:spokes(?:man|woman|person)|ministry|minister|official|officials|leader|military|army|committee|sister)`;

/** Media nouns: an anaphor made of one ("the agency said") points back to the last medium, not the last speaker. */
export const mediumAnaphors =
  /(?:agency|paper|daily|broadcaster|station|web\s?site|outlet|media|radio|report|dispatch|commentary|editorial|article|bulletin)$/i;

/**
 * A sentence that frames what follows as background: "Kim's actions come as …", "The launch
 * came after …". It gives circumstances and does not continue the state-media account.
 */
export const backgroundFrame = String.raw`^(?:[\w'’.,-]+\s+){1,12}?(?:comes?|came)\s+(?:[\w-]+\s+){0,3}?(?:as|after|amid|following|ahead\s+of|days?\s+after|hours\s+after|weeks?\s+after)(?![\w-])`;

/**
 * Openers that continue the account of an event already attributed to state media: the next
 * sentence of a KCNA report rarely repeats its source ("During their visit, Kim …").
 */
export const eventContinuationOpeners = String.raw`(?:during|at|upon|after|before|prior\s+to|following|in|on|throughout|on\s+the\s+occasion\s+of)\s+(?:[\w-]+\s+){0,3}?(?:the|their|his|her|its|this|that|these)\s+(?:[\w-]+\s+){0,2}?(?:visit|visits|meeting|meetings|talks|event|events|ceremony|inspection|speech|rally|tour|session|launch|test|drill|drills|exercise|banquet|performance|exhibition|parade|plenary|congress|conference|reception|letter|event)`;

/**
 * North Korean actors whose doings, reported without a new source right after a state-media
 * sentence, continue that state-media account. Bare "Kim" counts only when the nearest full
 * "Kim …" name before it is a North Korean (see people.ts).
 */
export const northKoreanActors = String.raw`${the}(?:North\s+Korean|N\.\s?K\.|N\.\s?Korean)\s+leader|[Tt]he\s+leader|Kim\s+Jong[-\s]?un|Kim\s+Yo[-\s]?jong|Choe\s+Son[-\s]?hui|Kim(?!\s+[A-Z][a-z]+[-\s][a-z]+)`;

/** Full names of North Korean figures often written in wire copy, for resolving bare "Kim". */
export const northKoreanFullNames: readonly string[] = [
  'Kim Jong-un',
  'Kim Yo-jong',
  'Kim Jong-il',
  'Kim Il-sung',
  'Kim Tok-hun',
  'Kim Yong-chol',
  'Kim Song-nam',
  'Kim Jae-ryong',
  'Kim Su-gil',
  'Kim Jong-gwan',
  'Kim Yong-bok',
  'Kim Myong-sik',
];

/** Outlets whose name in a dateline or a "Source:" line starts the chain. */
export const outletEntries: readonly { name: string; pattern: string }[] = [
  { name: 'Yonhap', pattern: String.raw`Yonhap(?:\s+News(?:\s+Agency)?)?` },
  { name: 'AFP', pattern: String.raw`AFP|Agence\s+France-Presse` },
  { name: 'AP', pattern: String.raw`AP|Associated\s+Press` },
  { name: 'Reuters', pattern: String.raw`Reuters` },
  { name: 'NK News', pattern: String.raw`NK\s+News` },
  { name: 'Korea Herald', pattern: String.raw`(?:The\s+)?Korea\s+Herald` },
  { name: 'Korea Times', pattern: String.raw`(?:The\s+)?Korea\s+Times` },
  { name: 'Kyodo', pattern: String.raw`Kyodo(?:\s+News)?` },
];
