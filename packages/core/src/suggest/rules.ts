// The ordered rules that turn a segment's evidence into a label. The first rule that applies
// decides, and its id is the suggestion's `rule`, so an analyst can see why a label was proposed.
import type { CueSpan } from '../schemas.ts';
import type { Attribution } from './carry-over.ts';
import type { SegmentEvidence } from './evidence.ts';
import type { HedgeCue } from './hedges.ts';
import type { SourceMention } from './sources.ts';

export type ProvenanceLabel = Attribution['label'];

/** What a sentence leaves for the next ones to inherit. */
export type ScopeEffect =
  /** A new source: later "It added" / continuing sentences inherit it. */
  | { kind: 'set'; attribution: Omit<Attribution, 'sentenceNumber' | 'paragraphNumber'> }
  /** The sentence continued the attribution in scope, which now reaches further. */
  | { kind: 'refresh' }
  /** The writer's own inference: a new voice, nothing carries over it. */
  | { kind: 'reset' }
  | { kind: 'keep' };

export interface Decision {
  rule: RuleId;
  label: ProvenanceLabel;
  confidence: number;
  source: string | null;
  /** The attribution chain without the outlet, from the outermost source inward. */
  chain: readonly string[];
  cues: CueSpan[];
  scope: ScopeEffect;
}

export interface RuleContext {
  sentenceNumber: number;
  /** The attribution an anaphor ("It added") may point back to, if still in scope. */
  anaphoraAntecedent: Attribution | null;
  /** The attribution a cue-less continuing account may inherit, if still in scope. */
  continuationAntecedent: Attribution | null;
  /** The last state-media attribution, which "the agency said" / "the report said" points back to. */
  mediumAntecedent: Attribution | null;
}

export const ruleIds = [
  'observer-source',
  'state-media-attribution',
  'north-korean-official-statement',
  'hedged-official-statement',
  'official-source',
  'anaphoric-attribution',
  'hedged-state-media-report',
  'hedge',
  'about-state-media',
  'continuing-quotation',
  'continues-state-media-account',
  'unattributed-statement',
  'headline-restates-lead',
  'boilerplate',
] as const;
export type RuleId = (typeof ruleIds)[number];

interface Rule {
  id: RuleId;
  decide(evidence: SegmentEvidence, context: RuleContext): Omit<Decision, 'rule'> | null;
}

const isNorthKoreanVoice = (mention: SourceMention) =>
  mention.kind === 'state_media' ||
  mention.kind === 'north_korean_official' ||
  mention.kind === 'north_korean_state';

/**
 * "The warning, carried by the KCNA, came a day after …": the medium is named in an aside, and
 * the sentence tells when the warning came, which the outlet states.
 */
const isBackgroundAside = (evidence: SegmentEvidence, voices: readonly SourceMention[]) =>
  evidence.isBackground && voices.every((mention) => mention.cueKind === 'other');

const isReportingInstitution = (mention: SourceMention) =>
  mention.kind === 'official' || mention.kind === 'news_agency';

/** The rules in the order they are tried. Each comment says why it sits where it does. */
const rules: readonly Rule[] = [
  {
    // Analysts' and intelligence services' statements are judgements whatever they report, and
    // an analyst citing the KCNA is still the analyst speaking.
    id: 'observer-source',
    decide(evidence) {
      const observer = evidence.mentions.find((mention) => mention.kind === 'observer' && !mention.isNegated);
      if (!observer) return null;
      // Named without a verb ("… according to a report by 38 North") it counts only if no one else speaks.
      if (!observer.isAttributing && evidence.attributingMentions.length > 0) return null;
      return {
        label: 'observer_inference',
        confidence: observer.isAttributing ? 0.88 : 0.72,
        source: observer.name,
        chain: [observer.name],
        cues: [...mentionCues([observer]), ...hedgeCues(evidence.hedges)],
        scope: setScope('observer_inference', observer.name, [observer.name]),
      };
    },
  },
  {
    // A state-media attribution owns its content, hedges included (FactBank: "the KCNA said the
    // missile could …" commits the KCNA, not the writer).
    id: 'state-media-attribution',
    decide(evidence) {
      const voices = evidence.attributingMentions.filter(isNorthKoreanVoice);
      const medium = voices.find((mention) => mention.kind === 'state_media')?.name;
      if (!medium) return null;
      if (isBackgroundAside(evidence, voices)) return null;
      const chain = northKoreanChain(voices);
      return {
        label: 'kcna_claim',
        confidence: 0.92,
        source: medium,
        chain,
        cues: mentionCues(voices),
        scope: northKoreanScope(medium, chain, medium),
      };
    },
  },
  {
    // North Korean officials reach foreign wires only through state media (GUIDELINES.md); the
    // medium still in scope is the one that carried their words.
    id: 'north-korean-official-statement',
    decide(evidence, context) {
      const voices = evidence.attributingMentions.filter(isNorthKoreanVoice);
      if (voices.length === 0 || isBackgroundAside(evidence, voices)) return null;
      // "North Korea demanded …, officials in Seoul said": the trailing source tells it, and
      // what North Korea said at talks reaches us through them, not through its media.
      const hasOuterVoice = evidence.attributingMentions.some(
        (mention) => mention.isTrailing && !isNorthKoreanVoice(mention),
      );
      if (hasOuterVoice) return null;
      const medium = context.anaphoraAntecedent?.medium ?? null;
      const chain = [...new Set([...(medium ? [medium] : []), ...northKoreanChain(voices)])];
      const source = chain[0] ?? 'North Korea';
      return {
        label: 'kcna_claim',
        confidence: 0.84,
        source,
        chain,
        cues: mentionCues(voices),
        scope: northKoreanScope(source, chain, medium),
      };
    },
  },
  {
    // An official who hedges or gives an opinion ("believes", "may have") is assessing, not reporting.
    id: 'hedged-official-statement',
    decide(evidence) {
      const official = evidence.attributingMentions.find(isReportingInstitution);
      if (!official || (!official.isOpinion && evidence.hedges.length === 0)) return null;
      return {
        label: 'observer_inference',
        confidence: 0.76,
        source: official.name,
        chain: [official.name],
        cues: [...mentionCues([official]), ...hedgeCues(evidence.hedges)],
        scope: setScope('reported_fact', official.name, [official.name]),
      };
    },
  },
  {
    // South Korean, U.S. and other officials reporting an event, unhedged, state facts.
    id: 'official-source',
    decide(evidence) {
      const official = evidence.attributingMentions.find(isReportingInstitution);
      if (!official) return null;
      return {
        label: 'reported_fact',
        confidence: 0.85,
        source: official.name,
        chain: [official.name],
        cues: mentionCues([official]),
        // A relaying agency is not the voice "it said" points back to: the report it relayed is.
        scope:
          official.kind === 'news_agency'
            ? { kind: 'keep' }
            : setScope('reported_fact', official.name, [official.name]),
      };
    },
  },
  {
    // "It added", "the paper said", "she said": the source is the one still in scope.
    id: 'anaphoric-attribution',
    decide(evidence, context) {
      const antecedent =
        (evidence.anaphora?.isMedium ? context.mediumAntecedent : null) ?? context.anaphoraAntecedent;
      if (!evidence.anaphora || !antecedent) return null;
      const isHedgedByNonStateSource = !antecedent.isStateMedia && evidence.hedges.length > 0;
      const distance = context.sentenceNumber - antecedent.sentenceNumber;
      return {
        label: isHedgedByNonStateSource ? 'observer_inference' : antecedent.label,
        confidence: decay(0.86, distance),
        source: antecedent.source,
        chain: antecedent.chain,
        cues: [
          { ...evidence.anaphora.anaphor, kind: 'anaphora' },
          { ...evidence.anaphora.verb, kind: 'reporting_verb' },
          ...(isHedgedByNonStateSource ? hedgeCues(evidence.hedges) : []),
        ],
        scope: { kind: 'refresh' },
      };
    },
  },
  {
    // "Kim is said to have been …", "It was reported that …" after a state-media sentence: the
    // hedge is on the attribution, which stays the state media's (FactBank: a source's report).
    id: 'hedged-state-media-report',
    decide(evidence, context) {
      const antecedent = context.anaphoraAntecedent;
      if (!evidence.passiveAttribution || !antecedent?.isStateMedia) return null;
      return {
        label: 'kcna_claim',
        confidence: decay(0.74, context.sentenceNumber - antecedent.sentenceNumber),
        source: antecedent.source,
        chain: antecedent.chain,
        cues: [{ ...evidence.passiveAttribution, kind: 'reporting_verb' }],
        scope: { kind: 'refresh' },
      };
    },
  },
  {
    // With no source of its own, a hedged sentence is the writer's (or an unnamed observer's)
    // inference; a hedge inside quotation marks is the quoted speaker's, so it does not count here.
    id: 'hedge',
    decide(evidence) {
      const hedges = evidence.writerHedges;
      if (hedges.length === 0) return null;
      const hasFrame = hedges.some((hedge) => hedge.isFrame);
      return {
        label: 'observer_inference',
        confidence: Math.min(0.85, (hasFrame ? 0.78 : 0.68) + 0.04 * (hedges.length - 1)),
        source: null,
        chain: [],
        cues: hedgeCues(hedges),
        scope: { kind: 'reset' },
      };
    },
  },
  {
    // A sentence that names state media without reporting its words is about state media:
    // the outlet states it ("The KCNA website could not be reached …").
    id: 'about-state-media',
    decide(evidence) {
      const topic = evidence.mentions.find((mention) => mention.kind === 'state_media');
      if (!topic) return null;
      return {
        label: 'reported_fact',
        confidence: 0.72,
        source: null,
        chain: [],
        cues: [{ start: topic.start, end: topic.end, kind: 'other' }],
        scope: { kind: 'keep' },
      };
    },
  },
  {
    // A quotation that runs on, or a new paragraph that is only a quotation, keeps its speaker.
    id: 'continuing-quotation',
    decide(evidence, context) {
      const antecedent = context.anaphoraAntecedent;
      if (!evidence.quotation.continuesQuotation || !antecedent) return null;
      const quoteStart = evidence.segment.start;
      return {
        label: antecedent.label,
        confidence: decay(0.78, context.sentenceNumber - antecedent.sentenceNumber),
        source: antecedent.source,
        chain: antecedent.chain,
        cues: [{ start: quoteStart, end: quoteStart + 1, kind: 'anaphora' }],
        scope: { kind: 'refresh' },
      };
    },
  },
  {
    // A state-media account goes on without repeating its source ("During their visit, Kim …");
    // it needs a sign of continuity: an event opener, a North Korean actor or quoted wording.
    id: 'continues-state-media-account',
    decide(evidence, context) {
      const antecedent = context.continuationAntecedent;
      if (!antecedent?.isStateMedia || evidence.isBackground) return null;
      const signals: CueSpan[] = [];
      if (evidence.continuationOpener) signals.push({ ...evidence.continuationOpener, kind: 'anaphora' });
      if (evidence.northKoreanActor) signals.push({ ...evidence.northKoreanActor, kind: 'other' });
      const firstQuote = evidence.quotation.quotedSpans[0];
      if (firstQuote) signals.push({ ...firstQuote, kind: 'other' });
      if (signals.length === 0) return null;
      const distance = context.sentenceNumber - antecedent.sentenceNumber;
      return {
        label: 'kcna_claim',
        confidence: decay(signals.length > 1 ? 0.7 : 0.62, distance),
        source: antecedent.source,
        chain: antecedent.chain,
        cues: signals,
        scope: { kind: 'refresh' },
      };
    },
  },
  {
    // No source, no hedge: the outlet itself states it (background, context, events).
    id: 'unattributed-statement',
    decide() {
      return {
        label: 'reported_fact',
        confidence: 0.6,
        source: null,
        chain: [],
        cues: [],
        scope: { kind: 'keep' },
      };
    },
  },
];

/** Runs the rules in order on a headline or sentence; the last rule always applies. */
export function decide(evidence: SegmentEvidence, context: RuleContext): Decision {
  for (const rule of rules) {
    const decision = rule.decide(evidence, context);
    if (decision) return { ...decision, rule: rule.id, cues: withoutOverlaps(decision.cues) };
  }
  throw new Error('unreachable: the last rule always applies');
}

function setScope(label: ProvenanceLabel, source: string, chain: readonly string[]): ScopeEffect {
  return { kind: 'set', attribution: { label, source, chain, isStateMedia: false, medium: null } };
}

/** A North Korean voice, whose continuing account stays a KCNA claim. */
function northKoreanScope(source: string, chain: readonly string[], medium: string | null): ScopeEffect {
  return { kind: 'set', attribution: { label: 'kcna_claim', source, chain, isStateMedia: true, medium } };
}

/** Medium first, then the speaker: "KCNA" → "Kim Yo-jong" (PARC nesting, outermost first). */
function northKoreanChain(voices: readonly SourceMention[]): string[] {
  const media = voices.filter((mention) => mention.kind === 'state_media').map((mention) => mention.name);
  const speakers = voices.filter((mention) => mention.kind !== 'state_media').map((mention) => mention.name);
  return [...new Set([...media, ...speakers])];
}

function mentionCues(mentions: readonly SourceMention[]): CueSpan[] {
  return mentions.flatMap((mention): CueSpan[] => {
    const sourceCue: CueSpan = { start: mention.start, end: mention.end, kind: 'source' };
    if (!mention.cue) return [sourceCue];
    const cueKind = mention.isOpinion ? 'hedge' : mention.cueKind;
    return [sourceCue, { ...mention.cue, kind: cueKind }];
  });
}

function hedgeCues(hedges: readonly HedgeCue[]): CueSpan[] {
  return hedges.map((hedge) => ({ start: hedge.start, end: hedge.end, kind: 'hedge' }));
}

/** Confidence fades with every sentence between an inherited attribution and its antecedent. */
function decay(confidence: number, distance: number): number {
  return Math.max(0.4, confidence - 0.05 * Math.max(0, distance - 1));
}

/** Sorted cues with overlapping ones dropped, so each character is explained by one cue. */
function withoutOverlaps(cues: readonly CueSpan[]): CueSpan[] {
  const kept: CueSpan[] = [];
  for (const cue of [...cues].sort((first, second) => first.start - second.start || second.end - first.end)) {
    const previous = kept.at(-1);
    if (cue.end <= cue.start || (previous && cue.start < previous.end)) continue;
    kept.push(cue);
  }
  return kept;
}
