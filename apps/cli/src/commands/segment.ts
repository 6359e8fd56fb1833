import { type Segment, segment } from '@attest/core';
import { type InputFile, readTextFiles } from '../lib/files.ts';
import { writeJsonLines } from '../lib/output.ts';

/** The line `attest segment` prints for one segment; key order is part of the contract. */
export function segmentRecord(file: InputFile, part: Segment) {
  return { file: file.path, start: part.start, end: part.end, kind: part.kind, text: part.text };
}

/** One JSON line per segment: offsets are UTF-16 code units into the file's text. */
export async function segmentCommand(paths: string[]): Promise<void> {
  const files = await readTextFiles(paths);
  await writeJsonLines(files, (file) => segment(file.text).map((part) => segmentRecord(file, part)));
}
