import { segment } from '@attest/core';
import { readTextFiles } from '../lib/files.ts';
import { writeLines } from '../lib/output.ts';

/** One JSON line per segment: offsets are UTF-16 code units into the file's text. */
export async function segmentCommand(paths: string[]): Promise<void> {
  const files = await readTextFiles(paths);
  await writeLines(
    (function* () {
      for (const file of files) {
        for (const part of segment(file.text)) {
          yield JSON.stringify({
            file: file.path,
            start: part.start,
            end: part.end,
            kind: part.kind,
            text: part.text,
          });
        }
      }
    })(),
  );
}
