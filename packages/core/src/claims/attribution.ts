// How an outlet presents a claim in one sentence, read off the suggestion's rule: attributed
// to North Korean state media (or a North Korean speaker through it), to someone else, or to
// nobody. Carried-over attributions ("It added") count as attributed; a sentence that merely
// continues a state-media account without a cue does not, since the reader is not told.
import type { Suggestion } from '../schemas.ts';
import type { RuleId } from '../suggest/rules.ts';

export const claimAttributions = ['kcna', 'other_source', 'none'] as const;
export type ClaimAttribution = (typeof claimAttributions)[number];

const attributedToStateMedia = new Set<RuleId>([
  'state-media-attribution',
  'north-korean-official-statement',
]);
const attributedToOthers = new Set<RuleId>([
  'observer-source',
  'official-source',
  'hedged-official-statement',
]);
const inheritsAttribution = new Set<RuleId>(['anaphoric-attribution', 'continuing-quotation']);

export function claimAttributionOf(
  suggestion: Pick<Suggestion, 'rule' | 'label' | 'source'>,
): ClaimAttribution {
  const rule = suggestion.rule as RuleId;
  if (attributedToStateMedia.has(rule)) return 'kcna';
  if (attributedToOthers.has(rule)) return 'other_source';
  if (inheritsAttribution.has(rule)) {
    if (suggestion.label === 'kcna_claim') return 'kcna';
    return suggestion.source ? 'other_source' : 'none';
  }
  return 'none';
}

/** One outlet attributes the claim to state media, another prints it without any attribution. */
export function isAttributionDropped(attributions: Iterable<ClaimAttribution>): boolean {
  let hasStateMedia = false;
  let hasNone = false;
  for (const attribution of attributions) {
    if (attribution === 'kcna') hasStateMedia = true;
    if (attribution === 'none') hasNone = true;
  }
  return hasStateMedia && hasNone;
}
