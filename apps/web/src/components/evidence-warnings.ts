// Gentle checks of a label against the evidence recorded for it: hints for the analyst, never
// a reason to refuse a save. Pure, so the rules are unit-tested without a browser.
import type { CueSpan } from '@attest/core';

export interface EvidenceToCheck {
  /** The analyst's label key. */
  label: string;
  /** The sentence's text. */
  text: string;
  /** The annotation's source entity and attribution chain (outlet first). */
  source: string | null;
  chain: readonly string[];
  /** Cue spans: the analyst's and the suggestion's. */
  cues: readonly Pick<CueSpan, 'kind'>[];
  /** The suggestion's source and chain: attribution carried over from earlier sentences. */
  suggestedSource?: string | null | undefined;
  suggestedChain?: readonly string[] | undefined;
}

export interface EvidenceWarning {
  /** Stable id, for tests and for keys. */
  id: 'kcna-without-state-media' | 'fact-with-hedge';
  message: string;
}

/**
 * North Korean state media as the guidelines name them (KCNA, Rodong Sinmun, KCTV, Minju
 * Joson, Uriminzokkiri, "state media", "the North's official news agency") and as the suggester
 * records them (core's `stateMediaNames`, which a test holds this pattern to), in free text.
 */
const stateMediaPattern = new RegExp(
  [
    String.raw`\bKCNA\b`,
    String.raw`Korean\s+Central\s+(?:News\s+Agency|Television|TV)`,
    String.raw`\bKCTV\b`,
    String.raw`Rodong\s+Sinmun`,
    String.raw`Minju\s+Joson`,
    `Uriminzokkiri`,
    String.raw`Tongil\s+Sinbo`,
    String.raw`Pyongyang\s+Radio|Radio\s+Pyongyang|Korean\s+Central\s+Broadcasting\s+Station|Voice\s+of\s+Korea`,
    String.raw`\bstate(?:-run|-controlled)?\s+(?:media|television|TV|radio|news|broadcaster|outlets?|press)`,
    String.raw`official\s+news\s+agency`,
    String.raw`Workers'\s+Party\s+(?:newspaper|daily|organ)`,
  ].join('|'),
  'i',
);

export function isStateMedia(name: string): boolean {
  return stateMediaPattern.test(name);
}

/** The warnings that apply to a label and its evidence, in a stable order (often none). */
export function evidenceWarnings(evidence: EvidenceToCheck): EvidenceWarning[] {
  const warnings: EvidenceWarning[] = [];
  if (evidence.label === 'kcna_claim') {
    const names = [
      evidence.text,
      evidence.source,
      ...evidence.chain,
      evidence.suggestedSource,
      ...(evidence.suggestedChain ?? []),
    ];
    if (!names.some((name) => name && isStateMedia(name))) {
      warnings.push({
        id: 'kcna-without-state-media',
        message:
          'Tagged as a KCNA claim, but no state-media source (KCNA, Rodong Sinmun, KCTV, state media) is named in the sentence, its source or its chain.',
      });
    }
  }
  if (evidence.label === 'reported_fact' && evidence.cues.some((cue) => cue.kind === 'hedge')) {
    warnings.push({
      id: 'fact-with-hedge',
      message:
        'Tagged as a reported fact, but the sentence has hedge cues (e.g. “likely”, “may”): is it an observer inference?',
    });
  }
  return warnings;
}
