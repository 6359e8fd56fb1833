// suggest(): explainable provenance suggestions, one per segment. Evidence is gathered per
// segment, then one pass in document order applies the rules (rules.ts) while carrying the
// attribution in scope (carry-over.ts); a final step lets a headline inherit from its lead.
import type { Suggestion } from '../schemas.ts';
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
} from './evaluate.ts';
export { type RuleId, ruleIds } from './rules.ts';

const paragraphBreak = /\n[ \t\u00a0]*\r?\n/g;

/** One suggestion per segment, in the same order; deterministic, linear in the text length. */
export function suggest(text: string, segments: readonly Segment[]): Suggestion[] {
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
  return decisions.map((decision) => toSuggestion(text, decision, outlet));
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
    cues: decision.cues.map((cue) => ({ ...cue, text: text.slice(cue.start, cue.end) })),
    rule: decision.rule,
  };
}
