// Claims across documents: the scorer, the linker and the attribution of each occurrence.
import type { Segment } from '../segment-types.ts';
import { suggest } from '../suggest/index.ts';
import { type ClaimAttribution, claimAttributionOf, isAttributionDropped } from './attribution.ts';
import { type LinkedClaim, type LinkOptions, linkClaims } from './link.ts';

export * from './api-types.ts';
export * from './attribution.ts';
export * from './evaluate.ts';
export { type ClaimFeatures, claimFeatures, claimText } from './features.ts';
export { type ClaimMember, type LinkedClaim, type LinkOptions, linkClaims, rarityWeights } from './link.ts';
export * from './link-into.ts';
export {
  type ClaimMatch,
  claimMatchThreshold,
  type StemWeight,
  scoreClaimMatch,
  uniformStemWeight,
} from './score.ts';
export * from './summarize.ts';

export interface SegmentedDocument {
  text: string;
  segments: readonly Segment[];
}

export interface AttributedClaim extends LinkedClaim {
  /** The attribution of each member, in the order of `members`. */
  attributions: ClaimAttribution[];
  isAttributionDropped: boolean;
}

/** Links the documents' sentences into claims and says how each occurrence is attributed. */
export function linkAttributedClaims(
  documents: readonly SegmentedDocument[],
  options: LinkOptions = {},
): AttributedClaim[] {
  const suggestions = documents.map((document) => suggest(document.text, document.segments));
  return linkClaims(documents, options).map((claim) => {
    const attributions = claim.members.map((member) => {
      const suggestion = suggestions[member.document]?.[member.segment];
      return suggestion ? claimAttributionOf(suggestion) : 'none';
    });
    return { ...claim, attributions, isAttributionDropped: isAttributionDropped(attributions) };
  });
}
