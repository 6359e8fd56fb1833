// The dataset card: a README.md in the style of a Hugging Face dataset card (YAML front matter,
// then counts, label distribution, agreement and the fields), built from the rows as they stream.
import { type DatasetRow, datasetFieldsMarkdown, datasetSchemaVersion } from '@attest/core';
import type { DatasetScope } from './dataset-rows.ts';

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

${datasetFieldsMarkdown()}

Lists and objects (\`chain\`, \`cues\`, \`annotations\`) are JSON arrays in JSON lines, and JSON
text in CSV and Parquet. CSV cells that begin with = + - @ carry a leading \`'\`.

## Loading

\`\`\`python
from datasets import load_dataset
dataset = load_dataset("json", data_files="${input.files.find((file) => file.endsWith('.jsonl')) ?? input.files[0] ?? 'data.jsonl'}")
\`\`\`
`;
}
