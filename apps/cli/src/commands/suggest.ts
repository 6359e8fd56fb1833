import { segment, suggest } from '@attest/core';
import { readTextFiles } from '../lib/files.ts';
import { writeLines } from '../lib/output.ts';

/** The lines of `attest segment` with the suggested label and its evidence added. */
export async function suggestCommand(paths: string[]): Promise<void> {
  const files = await readTextFiles(paths);
  await writeLines(
    (function* () {
      for (const file of files) {
        const segments = segment(file.text);
        const suggestions = suggest(file.text, segments);
        for (const [index, part] of segments.entries()) {
          const suggestion = suggestions[index];
          yield JSON.stringify({
            file: file.path,
            start: part.start,
            end: part.end,
            kind: part.kind,
            text: part.text,
            label: suggestion?.label ?? null,
            confidence: suggestion?.confidence ?? 0,
            source: suggestion?.source ?? null,
            chain: suggestion?.chain ?? [],
            cues: (suggestion?.cues ?? []).map(({ start, end, kind, text }) => ({ start, end, kind, text })),
            rule: suggestion?.rule ?? null,
          });
        }
      }
    })(),
  );
}
