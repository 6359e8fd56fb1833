import { linkAttributedClaims, segment } from '@attest/core';
import { readTextFiles } from '../lib/files.ts';
import { writeLines } from '../lib/output.ts';
import { segmentRecord } from './segment.ts';

/**
 * One JSON line per segment and claim it carries, for claims shared by at least two of the files:
 * the lines of `attest segment` with the claim's id, how this file attributes it, and whether
 * some file drops an attribution another gives to state media. A lead that carries two claims
 * prints twice, since the dropped flag belongs to the claim. No database: the files are the pool.
 */
export async function linkCommand(paths: string[]): Promise<void> {
  const files = await readTextFiles(paths);
  const documents = files.map((file) => ({ text: file.text, segments: segment(file.text) }));
  const claims = linkAttributedClaims(documents);
  const lines: { order: [number, number]; line: string }[] = [];
  for (const [claimIndex, claim] of claims.entries())
    for (const [memberIndex, member] of claim.members.entries()) {
      const file = files[member.document];
      const part = documents[member.document]?.segments[member.segment];
      if (!file || !part) continue;
      const record = {
        ...segmentRecord(file, part),
        claim: `claim-${claimIndex + 1}`,
        attribution: claim.attributions[memberIndex] ?? 'none',
        attribution_dropped: claim.isAttributionDropped,
      };
      lines.push({ order: [member.document, member.segment], line: JSON.stringify(record) });
    }
  lines.sort((first, second) => first.order[0] - second.order[0] || first.order[1] - second.order[1]);
  await writeLines(lines.map(({ line }) => line));
}
