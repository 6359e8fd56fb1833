import { segment, suggest } from '@attest/core';
import { type InputFile, readTextFiles } from '../lib/files.ts';
import { writeJsonLines } from '../lib/output.ts';
import { segmentRecord } from './segment.ts';

/** The lines of `attest segment` with the suggested label and its evidence added. */
export async function suggestCommand(paths: string[]): Promise<void> {
  const files = await readTextFiles(paths);
  await writeJsonLines(files, suggestRecords);
}

function suggestRecords(file: InputFile) {
  const segments = segment(file.text);
  const suggestions = suggest(file.text, segments, { attributions: true });
  return segments.map((part, index) => {
    const suggestion = suggestions[index];
    return {
      ...segmentRecord(file, part),
      label: suggestion?.label ?? null,
      confidence: suggestion?.confidence ?? 0,
      source: suggestion?.source ?? null,
      chain: suggestion?.chain ?? [],
      cues: (suggestion?.cues ?? []).map(({ start, end, kind, text }) => ({ start, end, kind, text })),
      rule: suggestion?.rule ?? null,
    };
  });
}
