// suggest(): explainable provenance suggestions, one per segment. Evidence is gathered per
// segment, then one pass in document order applies the rules (rules.ts) while carrying the
// attribution in scope (carry-over.ts); a final step lets a headline inherit from its lead.
import { findAttributions } from '../attribution/index.ts';
import type { CueSpan, Suggestion } from '../schemas.ts';
import type { Segment } from '../segment-types.ts';
import { type Attribution, carryOverScope, isInScope, readQuotations } from './carry-over.ts';
import { gatherEvidence } from './evidence.ts';
import { restatesLead } from './headline.ts';
import { detectOutlet } from './outlet.ts';
import { createKimResolver } from './people.ts';
import { type Decision, decide } from './rules.ts';

export {
  type EvaluationReport,
  evaluateSuggestions,
  formatEvaluationTable,
  type GoldSentence,
  goldSentenceSchema,
} from './evaluate.ts';
export { stateMediaNames } from './lexicon.ts';
export { type RuleId, ruleIds } from './rules.ts';

const paragraphBreak = /\n[ \t\u00a0]*\r?\n/g;

export interface SuggestOptions {
  /**
   * Add every attribution's source, reporting-verb and content spans as cues (the learned
   * tagger of ../attribution). Off by default, for callers that need only the labels: it
   * costs about half to three quarters as much again as the rules (docs/suggestions.md). The
   * API's import and `attest suggest` turn it on.
   */
  attributions?: boolean;
}

/** One suggestion per segment, in the same order; deterministic, linear in the text length. */
export function suggest(
  text: string,
  segments: readonly Segment[],
  options: SuggestOptions = {},
): Suggestion[] {
  const outlet = detectOutlet(text);
  const kimResolver = createKimResolver(text);
  const paragraphNumbers = numberParagraphs(text, segments);
  const decisions: (Decision | null)[] = [];
  let inScope: Attribution | null = null;
  let lastStateMedium: Attribution | null = null;
  let isInsideQuotation = false;
  let sentenceNumber = 0;
  let previousParagraph = -1;

  for (const [index, segment] of segments.entries()) {
    if (segment.kind === 'boilerplate') {
      decisions.push(null);
      continue;
    }
    const paragraphNumber = paragraphNumbers[index] ?? 0;
    // A quotation does not run across paragraphs: wire style reopens it with a new mark.
    if (paragraphNumber !== previousParagraph) isInsideQuotation = false;
    previousParagraph = paragraphNumber;
    sentenceNumber++;

    const quotation = readQuotations(segment, isInsideQuotation);
    isInsideQuotation = quotation.leavesQuotationOpen;
    const evidence = gatherEvidence(text, segment, quotation, kimResolver);
    const decision = decide(evidence, {
      sentenceNumber,
      anaphoraAntecedent: isInScope(
        inScope,
        sentenceNumber,
        paragraphNumber,
        carryOverScope.anaphoraSentences,
      )
        ? inScope
        : null,
      continuationAntecedent: isInScope(
        inScope,
        sentenceNumber,
        paragraphNumber,
        carryOverScope.continuationSentences,
      )
        ? inScope
        : null,
      mediumAntecedent: isInScope(
        lastStateMedium,
        sentenceNumber,
        paragraphNumber,
        carryOverScope.mediumSentences,
        carryOverScope.mediumSentences,
      )
        ? lastStateMedium
        : null,
    });
    decisions.push(decision);
    inScope = nextScope(inScope, decision, sentenceNumber, paragraphNumber);
    if (inScope?.isStateMedia && inScope.medium) lastStateMedium = inScope;
  }

  inheritHeadlinesFromLeads(segments, decisions);
  const suggestions = decisions.map((decision) => toSuggestion(text, decision, outlet));
  return options.attributions ? withAttributionCues(text, segments, suggestions) : suggestions;
}

/**
 * `suggestions` (from `suggest()` without attributions, for these segments of `text`) with the
 * attribution layer's cues added: equal to `suggest()` with `attributions: true`. The API's
 * imports store the suggestions first and add these afterwards (they cost about as much again
 * as the rules), so an import answers sooner.
 */
export function withAttributionCues(
  text: string,
  segments: readonly Segment[],
  suggestions: readonly Suggestion[],
): Suggestion[] {
  return suggestions.map((suggestion, index) => {
    const segment = segments[index];
    // Boilerplate has no decision, so no attribution either (as in suggest()).
    if (!segment || segment.kind === 'boilerplate') return suggestion;
    const added = attributionCues(text, segment, suggestion.cues);
    if (added.length === 0) return suggestion;
    // The rule cues are already in this order; a stable sort keeps them ahead of an added cue
    // with the same bounds, as suggest() orders them.
    return { ...suggestion, cues: sortCues([...suggestion.cues, ...withTexts(text, added)]) };
  });
}

/** Words without which a sentence holds no attribution the tagger could find: it is skipped. */
const attributionTrigger =
  /["“”:]|\b(?:said|says|say|told|tells|according|added|adds|reported|reports|stated|claimed|claims|warned|wrote|noted|announced|argued|believes?|thinks?|asked|explained|insisted|accused|called|urged|denied|confirmed|described|suggested|tweeted|quoted)\b/;

/**
 * The attribution layer's spans in a segment, as cues: `source`, `reporting_verb` and one
 * `content` per attribution. A source or verb the rules already mark keeps the rule's cue.
 */
function attributionCues(text: string, segment: Segment, ruleCues: readonly CueSpan[]): CueSpan[] {
  if (!attributionTrigger.test(segment.text)) return [];
  const cues: CueSpan[] = [];
  const overlapsRuleCue = (start: number, end: number) =>
    ruleCues.some((cue) => cue.start < end && start < cue.end);
  for (const attribution of findAttributions(text, segment.start, segment.end)) {
    const { source, cue, content } = attribution;
    if (source && !overlapsRuleCue(source.start, source.end)) cues.push({ ...source, kind: 'source' });
    if (!overlapsRuleCue(cue.start, cue.end)) cues.push({ ...cue, kind: 'reporting_verb' });
    if (content) cues.push({ ...content, kind: 'content' });
  }
  return cues;
}

function nextScope(
  inScope: Attribution | null,
  decision: Decision,
  sentenceNumber: number,
  paragraphNumber: number,
): Attribution | null {
  switch (decision.scope.kind) {
    case 'set':
      return { ...decision.scope.attribution, sentenceNumber, paragraphNumber };
    case 'refresh':
      return inScope && { ...inScope, sentenceNumber, paragraphNumber };
    case 'reset':
      return null;
    case 'keep':
      return inScope;
  }
}

/**
 * A headline with no attribution of its own restates the lead sentence (the first sentence
 * after it), so it takes the lead's label, a little less surely.
 */
function inheritHeadlinesFromLeads(segments: readonly Segment[], decisions: (Decision | null)[]) {
  for (const [index, segment] of segments.entries()) {
    const decision = decisions[index];
    if (segment.kind !== 'headline' || !decision || decision.rule !== 'unattributed-statement') continue;
    const leadIndex = segments.findIndex(
      (candidate, candidateIndex) => candidateIndex > index && candidate.kind === 'sentence',
    );
    const lead = segments[leadIndex];
    const leadDecision = decisions[leadIndex];
    if (!lead || !leadDecision || !restatesLead(segment.text, lead.text)) continue;
    decisions[index] = {
      ...leadDecision,
      rule: 'headline-restates-lead',
      confidence: Math.round(leadDecision.confidence * 0.9 * 100) / 100,
      // The lead's cues lie outside the headline; the headline's own words explain nothing here.
      cues: [],
    };
  }
}

/** The paragraph number of each segment, counting blank-line breaks once over the text. */
function numberParagraphs(text: string, segments: readonly Segment[]): number[] {
  const breakOffsets = Array.from(text.matchAll(paragraphBreak), (match) => match.index);
  const numbers: number[] = [];
  let breaksBefore = 0;
  for (const segment of segments) {
    while (breaksBefore < breakOffsets.length && (breakOffsets[breaksBefore] ?? 0) < segment.start)
      breaksBefore++;
    numbers.push(breaksBefore);
  }
  return numbers;
}

function toSuggestion(text: string, decision: Decision | null, outlet: string | null): Suggestion {
  if (!decision)
    return {
      label: null,
      confidence: 1,
      source: null,
      chain: outlet ? [outlet] : [],
      cues: [],
      rule: 'boilerplate',
    };
  return {
    label: decision.label,
    confidence: decision.confidence,
    source: decision.source,
    chain: outlet ? [outlet, ...decision.chain.filter((name) => name !== outlet)] : [...decision.chain],
    cues: sortCues(withTexts(text, decision.cues)),
    rule: decision.rule,
  };
}

/** Cues in text order, the longer first where two start together. */
function sortCues<Cue extends CueSpan>(cues: Cue[]): Cue[] {
  return cues.sort((first, second) => first.start - second.start || second.end - first.end);
}

function withTexts(text: string, cues: readonly CueSpan[]): Suggestion['cues'] {
  return cues.map((cue) => ({ ...cue, text: text.slice(cue.start, cue.end) }));
}
