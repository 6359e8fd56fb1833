// The dataset card: a README.md in the style of a Hugging Face dataset card (YAML front matter,
// then counts, label distribution, agreement and the fields), built from the rows as they stream.
import { type DatasetRow, type DatasetScope, datasetSchemaVersion } from './dataset-rows.ts';

export class DatasetStatistics {
  rowCount = 0;
  readonly documentIds = new Set<string>();
  readonly sentenceIds = new Set<string>();
  readonly labelCounts = new Map<string, number>();
  readonly statusCounts = new Map<string, number>();
  readonly annotators = new Set<string>();
  /** Sentences labelled by two or more analysts, and the sum of their agreement. */
  multiplyLabelled = 0;
  agreementSum = 0;
  /** Annotation rows by how their label relates to the suggestion shown (see suggestion_relation). */
  readonly suggestionRelations = new Map<string, number>();

  add(rows: readonly DatasetRow[]): void {
    for (const row of rows) {
      this.rowCount++;
      this.documentIds.add(row.document_id);
      const label = row.label ?? '(none)';
      this.labelCounts.set(label, (this.labelCounts.get(label) ?? 0) + 1);
      if (row.scope === 'annotations') {
        const relation = row.suggestion_relation ?? 'not recorded';
        this.suggestionRelations.set(relation, (this.suggestionRelations.get(relation) ?? 0) + 1);
      }
      for (const annotation of row.annotations) this.annotators.add(annotation.annotator);
      // Sentence-level figures count each sentence once, whichever scope repeats it.
      if (this.sentenceIds.has(row.sentence_id)) continue;
      this.sentenceIds.add(row.sentence_id);
      this.statusCounts.set(row.status, (this.statusCounts.get(row.status) ?? 0) + 1);
      if (row.agreement !== null) {
        this.multiplyLabelled++;
        this.agreementSum += row.agreement;
      }
    }
  }
}

export interface CardInput {
  project: { slug: string; name: string; guidelinesVersion: number };
  scope: DatasetScope;
  filters: Record<string, string>;
  statistics: DatasetStatistics;
  files: string[];
  generatedAt: Date;
}

function table(rows: [string, number][], total: number): string {
  const lines = rows
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, count]) => `| ${key} | ${count} | ${total ? ((100 * count) / total).toFixed(1) : '0.0'}% |`);
  return ['| value | rows | share |', '|---|---:|---:|', ...lines].join('\n');
}

export const fieldDescriptions: [string, string][] = [
  ['schema_version', `row schema version (${datasetSchemaVersion})`],
  ['scope', '"gold" (one row per sentence) or "annotations" (one row per analyst per sentence)'],
  ['project', 'project slug'],
  ['document_id', 'document identifier (UUID)'],
  ['title, outlet, url', 'article metadata'],
  ['published_at', 'publication time, ISO 8601 UTC, or null'],
  ['body_sha256', 'hex SHA-256 of the UTF-8 article text'],
  ['sentence_id', 'sentence identifier (UUID)'],
  ['position', '0-based position of the sentence in its document'],
  ['kind', 'headline, sentence or boilerplate'],
  ['start, end', 'UTF-16 offsets into the article text (JavaScript)'],
  ['start_cp, end_cp', 'code-point offsets into the article text (Python `str`)'],
  ['text', 'the sentence'],
  ['label, label_name', 'gold label (gold scope) or the analyst’s label (annotations scope), key and name'],
  ['status', 'gold status: adjudicated, agreed, single, disputed or unlabelled'],
  ['gold_label', 'the gold label in both scopes (null unless adjudicated or agreed)'],
  ['source, chain', 'source entity and attribution chain from the outlet inward'],
  ['cues', 'cue spans: start/end (UTF-16), start_cp/end_cp, kind and text'],
  ['note', 'the analyst’s note'],
  [
    'annotator',
    'who labelled this row (annotations scope); pseudonymous "annotator-N" unless e-mails were asked for',
  ],
  ['annotations', 'every analyst label of the sentence: [{annotator, label}]'],
  [
    'annotation_count, agreement',
    'analyst labels on the sentence, and the share agreeing with the most common one (null below two)',
  ],
  [
    'adjudicator, adjudication_note, adjudicated_at',
    'the reviewer who decided the gold label, with note and time',
  ],
  [
    'suggested_label, suggestion_confidence, suggestion_rule',
    'the automatic suggestion and the rule that fired',
  ],
  [
    'suggestion_relation, suggestion_version',
    'annotations scope: how the analyst’s label relates to the suggestion shown when saved — accepted (took it with `a`), same_label (chose the suggested label), other_label, no_suggestion; null when not recorded — and that suggestion’s version (rule:hash)',
  ],
  ['created_at, updated_at', 'when the annotation was first saved and last changed'],
  ['guidelines_version', 'version of the project guidelines when exported'],
  ['claim_id', 'the claim the sentence carries across documents of the project (UUID), or null'],
];

/** "12/40" of the annotation rows whose relation to the suggestion was recorded; n/a without any. */
function suggestionShare(statistics: DatasetStatistics, relation: string): string {
  const recorded = [...statistics.suggestionRelations]
    .filter(([key]) => key !== 'not recorded')
    .reduce((sum, [, count]) => sum + count, 0);
  return recorded ? `${statistics.suggestionRelations.get(relation) ?? 0}/${recorded}` : 'n/a';
}

export function datasetCard(input: CardInput): string {
  const { statistics, project } = input;
  const sizeCategory =
    statistics.rowCount < 1_000
      ? 'n<1K'
      : statistics.rowCount < 10_000
        ? '1K<n<10K'
        : statistics.rowCount < 100_000
          ? '10K<n<100K'
          : statistics.rowCount < 1_000_000
            ? '100K<n<1M'
            : '1M<n<10M';
  const meanAgreement = statistics.multiplyLabelled
    ? statistics.agreementSum / statistics.multiplyLabelled
    : null;
  const yamlString = (text: string) => JSON.stringify(text);
  const filters = Object.entries(input.filters);
  return `---
pretty_name: ${yamlString(`${project.name} (${input.scope})`)}
language:
- en
license: other
task_categories:
- text-classification
size_categories:
- ${sizeCategory}
configs:
- config_name: default
  data_files:
${input.files.map((file) => `  - ${yamlString(file)}`).join('\n')}
attest:
  schema_version: ${datasetSchemaVersion}
  project: ${yamlString(project.slug)}
  scope: ${input.scope}
  guidelines_version: ${project.guidelinesVersion}
  generated_at: ${input.generatedAt.toISOString()}
---

# ${project.name}: claim provenance (${input.scope === 'gold' ? 'gold labels' : 'all annotations'})

Sentences of news articles labelled by where their content comes from: \`kcna_claim\` (asserted
by North Korean state media), \`observer_inference\` (interpretation by observers, analysts or the
reporter) or \`reported_fact\` (stated as fact by the outlet). Exported by Attest from project
\`${project.slug}\` under guidelines version ${project.guidelinesVersion}.

${input.scope === 'gold' ? 'One row per sentence. The gold label is the reviewer’s decision; else the label two or more analysts all gave; else none, and `status` says why (single or disputed).' : 'One row per analyst per sentence.'}
${filters.length ? `\nFilters: ${filters.map(([key, value]) => `${key}=${value}`).join(', ')}.\n` : ''}
## Counts

| | |
|---|---:|
| rows | ${statistics.rowCount} |
| documents | ${statistics.documentIds.size} |
| sentences | ${statistics.sentenceIds.size} |
| annotators | ${statistics.annotators.size} |
| sentences labelled by ≥2 analysts | ${statistics.multiplyLabelled} |
| mean agreement on those | ${meanAgreement === null ? 'n/a' : meanAgreement.toFixed(3)} |
| labels that accepted the suggestion (key a) | ${suggestionShare(statistics, 'accepted')} |
| labels that chose the suggested label by hand | ${suggestionShare(statistics, 'same_label')} |

## Label distribution

${table([...statistics.labelCounts], statistics.rowCount)}

## Gold status

${table([...statistics.statusCounts], statistics.sentenceIds.size)}

## Fields

| field | description |
|---|---|
${fieldDescriptions.map(([field, description]) => `| \`${field}\` | ${description} |`).join('\n')}

Lists and objects (\`chain\`, \`cues\`, \`annotations\`) are JSON arrays in JSON lines, and JSON
text in CSV and Parquet. CSV cells that begin with = + - @ carry a leading \`'\`.

## Loading

\`\`\`python
from datasets import load_dataset
dataset = load_dataset("json", data_files="${input.files.find((file) => file.endsWith('.jsonl')) ?? input.files[0] ?? 'data.jsonl'}")
\`\`\`
`;
}
