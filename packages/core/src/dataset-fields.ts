// The dataset row layout, in one place: every field of an exported row with its type,
// nullability and meaning, in column order. The export's SQL writes its JSON keys in this
// order, CSV and Parquet take their columns from it, the import reads CSV cells by its types,
// and the dataset card and docs/datasets.md show it as a table (a test holds both to it).

/** Bumped whenever a field is added, removed or changes meaning; docs/datasets.md lists each version. */
export const datasetSchemaVersion = 4;

/** How a field's value is written: JSON type, and for text what the text is. */
export type DatasetFieldType =
  | 'int'
  | 'float'
  | 'string'
  | 'uuid'
  | 'hex'
  | 'timestamp'
  | 'string[]'
  | 'cue[]'
  | 'annotation[]';

export interface DatasetField {
  readonly name: string;
  readonly type: DatasetFieldType;
  /** Whether the value may be null. */
  readonly nullable: boolean;
  readonly description: string;
}

const utf16Offsets = 'UTF-16 offsets into the article text (JavaScript `slice`)';
const codePointOffsets =
  'code-point offsets (Python `str` slicing); differ after emoji and other non-BMP characters';
const annotationTimes =
  'when the annotation was first saved and last changed (gold scope: of the evidence annotation)';

export const datasetFields = [
  {
    name: 'schema_version',
    type: 'int',
    nullable: false,
    description: `row schema version (${datasetSchemaVersion})`,
  },
  {
    name: 'scope',
    type: 'string',
    nullable: false,
    description: '`gold` (one row per sentence) or `annotations` (one row per analyst per sentence)',
  },
  { name: 'project', type: 'string', nullable: false, description: 'project slug' },
  { name: 'document_id', type: 'uuid', nullable: false, description: 'document' },
  { name: 'title', type: 'string', nullable: false, description: 'article title' },
  { name: 'outlet', type: 'string', nullable: true, description: 'publishing outlet' },
  { name: 'url', type: 'string', nullable: true, description: 'article URL' },
  { name: 'published_at', type: 'timestamp', nullable: true, description: 'publication time, UTC' },
  { name: 'body_sha256', type: 'hex', nullable: false, description: 'SHA-256 of the UTF-8 article text' },
  { name: 'sentence_id', type: 'uuid', nullable: false, description: 'sentence' },
  {
    name: 'position',
    type: 'int',
    nullable: false,
    description: 'order of the sentence in the document (0-based)',
  },
  { name: 'kind', type: 'string', nullable: false, description: '`headline`, `sentence` or `boilerplate`' },
  { name: 'start', type: 'int', nullable: false, description: utf16Offsets },
  { name: 'end', type: 'int', nullable: false, description: utf16Offsets },
  { name: 'start_cp', type: 'int', nullable: false, description: codePointOffsets },
  { name: 'end_cp', type: 'int', nullable: false, description: codePointOffsets },
  { name: 'text', type: 'string', nullable: false, description: 'the sentence' },
  {
    name: 'label',
    type: 'string',
    nullable: true,
    description: "gold scope: the gold label; annotations scope: this analyst's label",
  },
  { name: 'label_name', type: 'string', nullable: true, description: "the label's display name" },
  {
    name: 'status',
    type: 'string',
    nullable: false,
    description:
      'gold status of the sentence (both scopes): adjudicated, agreed, single, disputed or unlabelled',
  },
  {
    name: 'gold_label',
    type: 'string',
    nullable: true,
    description: 'the gold label (both scopes; null unless adjudicated or agreed)',
  },
  {
    name: 'source',
    type: 'string',
    nullable: true,
    description: 'source entity, e.g. `KCNA` (gold scope: from the first analyst who gave the gold label)',
  },
  {
    name: 'chain',
    type: 'string[]',
    nullable: false,
    description: 'attribution chain from the outlet inward',
  },
  {
    name: 'cues',
    type: 'cue[]',
    nullable: false,
    description: 'cue spans `{start, end, start_cp, end_cp, kind, text}`; offsets into the article text',
  },
  { name: 'note', type: 'string', nullable: true, description: "the analyst's note" },
  {
    name: 'annotator',
    type: 'string',
    nullable: true,
    description:
      'annotations scope: who labelled this row, pseudonymous `annotator-N` unless e-mails were asked for; null in the gold scope',
  },
  {
    name: 'annotations',
    type: 'annotation[]',
    nullable: false,
    description: 'every analyst label on the sentence: `[{annotator, label}]`',
  },
  { name: 'annotation_count', type: 'int', nullable: false, description: 'analyst labels on the sentence' },
  {
    name: 'agreement',
    type: 'float',
    nullable: true,
    description: 'share of analysts agreeing with the most common label; null below two labels',
  },
  { name: 'adjudicator', type: 'string', nullable: true, description: 'reviewer who decided the gold label' },
  { name: 'adjudication_note', type: 'string', nullable: true, description: "the reviewer's note" },
  { name: 'suggested_label', type: 'string', nullable: true, description: 'the automatic suggestion' },
  { name: 'suggestion_confidence', type: 'float', nullable: true, description: 'its confidence' },
  { name: 'suggestion_rule', type: 'string', nullable: true, description: 'the rule that fired' },
  {
    name: 'suggestion_relation',
    type: 'string',
    nullable: true,
    description:
      'annotations scope: how the label relates to the suggestion shown when it was saved — `accepted` (taken with the `a` key), `same_label` (the suggested label, chosen by hand), `other_label`, `no_suggestion`; null in the gold scope and for labels saved before Attest recorded it',
  },
  {
    name: 'suggestion_version',
    type: 'string',
    nullable: true,
    description:
      "that suggestion's version, `<rule>:<hash>` (the rule that fired and a hash of the label, source, chain and cues it showed); null without one",
  },
  { name: 'created_at', type: 'timestamp', nullable: true, description: annotationTimes },
  { name: 'updated_at', type: 'timestamp', nullable: true, description: annotationTimes },
  {
    name: 'adjudicated_at',
    type: 'timestamp',
    nullable: true,
    description: 'when the gold label was last decided',
  },
  {
    name: 'guidelines_version',
    type: 'int',
    nullable: false,
    description: "the project's guidelines version at export time (per-annotation versions are not stored)",
  },
  {
    name: 'claim_id',
    type: 'uuid',
    nullable: true,
    description:
      "the claim the sentence carries across the project's documents, or null; when it carries several, the strongest (confirmed first, then the highest score)",
  },
  {
    name: 'claim_ids',
    type: 'string[]',
    nullable: false,
    description:
      'every claim the sentence carries, strongest first (`claim_id` is the first); empty when none',
  },
] as const satisfies readonly DatasetField[];

export type DatasetFieldName = (typeof datasetFields)[number]['name'];

/** Field names in column order. */
export const datasetFieldNames: readonly DatasetFieldName[] = datasetFields.map((field) => field.name);

/** A cue of an exported row: offsets in both units, its kind and the text it spans. */
export interface DatasetCue {
  start: number;
  end: number;
  start_cp: number;
  end_cp: number;
  kind: string;
  text: string;
}

interface DatasetValueTypes {
  int: number;
  float: number;
  string: string;
  uuid: string;
  hex: string;
  /** ISO 8601, UTC, milliseconds (`Date#toISOString`). */
  timestamp: string;
  'string[]': string[];
  'cue[]': DatasetCue[];
  'annotation[]': { annotator: string; label: string }[];
}

type ValueOf<Field extends DatasetField> = Field['nullable'] extends true
  ? DatasetValueTypes[Field['type']] | null
  : DatasetValueTypes[Field['type']];

/** One exported row as JSON lines hold it; its keys are the table's, in its order. */
export type DatasetRow = {
  [Field in (typeof datasetFields)[number] as Field['name']]: ValueOf<Field>;
};

/** The names of the fields whose values are of one of these types. */
export function datasetFieldsOfType(...types: readonly DatasetFieldType[]): DatasetFieldName[] {
  return datasetFields.filter((field) => types.includes(field.type)).map((field) => field.name);
}

const typeNames: Record<DatasetFieldType, string> = {
  int: 'int',
  float: 'float',
  string: 'string',
  uuid: 'uuid',
  hex: 'hex',
  timestamp: 'ISO 8601',
  'string[]': 'string[]',
  'cue[]': 'object[]',
  'annotation[]': 'object[]',
};

/**
 * The table as Markdown (field, type, meaning; a `?` marks a nullable type), as the dataset card
 * and docs/datasets.md show it. Neighbouring fields of the same type and meaning share a row.
 */
export function datasetFieldsMarkdown(): string {
  const rows: { names: string[]; type: string; description: string }[] = [];
  for (const field of datasetFields) {
    const type = `${typeNames[field.type]}${field.nullable ? '?' : ''}`;
    const previous = rows.at(-1);
    if (previous && previous.type === type && previous.description === field.description)
      previous.names.push(field.name);
    else rows.push({ names: [field.name], type, description: field.description });
  }
  return [
    '| field | type | meaning |',
    '|---|---|---|',
    ...rows.map((row) => `| \`${row.names.join(', ')}\` | ${row.type} | ${row.description} |`),
  ].join('\n');
}
