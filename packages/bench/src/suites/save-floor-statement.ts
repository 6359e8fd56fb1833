// The save floor's statement: what a save must write at the least once it is authorized (the
// annotation's versioned update, or its insert for a first label, and its history row, in one
// statement). The floor sends it through postgres.js directly; the least HTTP save server
// (least-save-server-process.ts) sends it behind node:http, so the two differ by HTTP alone.
import type { DefaultLabelKey } from '@attest/core';
import type postgres from 'postgres';

export interface FloorSave {
  userId: string;
  documentId: string;
  sentenceId: string;
  labelId: string;
  labelKey: DefaultLabelKey;
  /** The version the caller last saw; 0 when the sentence has no label of theirs yet. */
  expectedVersion: number;
  clientOpId: string;
}

/** Writes the save; its new version, or undefined when `expectedVersion` was not the stored one. */
export async function writeFloorSave(client: postgres.Sql, save: FloorSave): Promise<number | undefined> {
  const { userId, documentId, sentenceId, labelId, labelKey, expectedVersion, clientOpId } = save;
  const snapshot = (version: number) =>
    JSON.stringify({ label: labelKey, source: null, chain: [], cues: [], note: null, version });
  const write =
    expectedVersion === 0
      ? client`insert into annotations (sentence_id, annotator_id, label_id, version)
          values (${sentenceId}, ${userId}, ${labelId}, 1)
          on conflict (sentence_id, annotator_id) do nothing returning *`
      : client`update annotations set label_id = ${labelId}, source = null, chain = '[]', cues = '[]',
            note = null, version = ${expectedVersion + 1}, updated_at = ${new Date()}
          where sentence_id = ${sentenceId} and annotator_id = ${userId} and version = ${expectedVersion}
          returning *`;
  const [written] = await client<{ version: number }[]>`
    with written as (${write}), recorded as (
      insert into annotation_events (document_id, sentence_id, annotator_id, action, before, after, client_op_id)
      select ${documentId}, written.sentence_id, written.annotator_id, 'set',
        ${expectedVersion === 0 ? null : snapshot(expectedVersion)}::jsonb,
        ${snapshot(expectedVersion + 1)}::jsonb, ${clientOpId}
      from written
    )
    select * from written`;
  return written?.version;
}
