// The version of a suggestion, recorded with a label so a figure can say which suggestion the
// analyst saw. In a module without zod: the web editor computes it when it saves.

/** The parts of a suggestion that decide what the analyst saw. */
export interface VersionedSuggestion {
  label: string | null;
  rule: string;
  source: string | null;
  chain: readonly string[];
  cues: readonly { start: number; end: number; kind: string }[];
}

/**
 * `<rule>:<hash>`, e.g. `kcna-reporting-verb:1a2b3c4d`: the rule that decided and an FNV-1a hash
 * of what the suggestion showed (label, source, chain, cues). The same suggestion always gets the
 * same version; a re-segmented sentence whose suggestion changed gets another.
 */
export function suggestionVersion(suggestion: VersionedSuggestion): string {
  const shown = JSON.stringify([
    suggestion.label,
    suggestion.source,
    suggestion.chain,
    suggestion.cues.map(({ start, end, kind }) => [start, end, kind]),
  ]);
  let hash = 0x811c9dc5;
  for (let index = 0; index < shown.length; index++) {
    hash ^= shown.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${suggestion.rule}:${hash.toString(16).padStart(8, '0')}`;
}
