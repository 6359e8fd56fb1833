// How an annotation moves between the server's shape, the shape the editor shows (a draft)
// and the shape a save sends; and how a label the analyst chose relates to the suggestion.
import type { Annotation, AnnotationInput, Sentence } from '@attest/core';
import { suggestionVersion } from '@attest/core/suggestion-version';
import type { AnnotationDraft } from './attest-evidence-panel.ts';

/** An annotation as the server holds it, shown as a draft. */
export function draftOf(annotation: Annotation): AnnotationDraft {
  const { label, source, chain, cues, note, suggestion } = annotation;
  return { label, source, chain, cues, note, suggestion };
}

/** An edit as queued, shown before the server confirms it. */
export function draftOfInput(input: AnnotationInput): AnnotationDraft {
  return {
    label: input.label,
    source: input.source ?? null,
    chain: input.chain ?? [],
    cues: input.cues ?? [],
    note: input.note ?? null,
    suggestion: input.suggestion ?? null,
  };
}

/** What the API stores: cues without their text, the chain within its limits. */
export function inputOf(draft: AnnotationDraft): AnnotationInput {
  return {
    label: draft.label,
    source: draft.source,
    chain: draft.chain
      .map((entity) => entity.trim())
      .filter(Boolean)
      .slice(0, 8),
    cues: draft.cues.slice(0, 50).map(({ start, end, kind }) => ({ start, end, kind })),
    note: draft.note,
    ...(draft.suggestion ? { suggestion: draft.suggestion } : {}),
  };
}

/** How a label the analyst chose themselves relates to the sentence's suggestion. */
export function suggestionRecord(
  sentence: Sentence,
  labelKey: string,
): NonNullable<Annotation['suggestion']> {
  const suggestion = sentence.suggestion;
  if (!suggestion?.label) return { relation: 'no_suggestion', version: null };
  return {
    relation: suggestion.label === labelKey ? 'same_label' : 'other_label',
    version: suggestionVersion(suggestion),
  };
}
