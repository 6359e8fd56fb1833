// `attest train-attribution DIR` rebuilds the attribution tagger's weights from a PolNeAR split;
// `attest eval-attribution DIR` scores Attest's source, cue and content spans against one.
// PolNeAR layout: NAME.txt beside NAME_XXXX.ann (brat standoff), one .ann per annotator; the
// first annotator's file (in name order) is the gold for both commands.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  attributionSpans,
  type BratDocument,
  defaultTrainingOptions,
  formatScores,
  parseBrat,
  scoreDocuments,
  trainTagger,
} from '@attest/core';
import { UsageError } from '../lib/files.ts';

interface AnnotatedDocument {
  name: string;
  text: string;
  gold: BratDocument;
}

async function readPolnear(directory: string): Promise<AnnotatedDocument[]> {
  let names: string[];
  try {
    names = (await readdir(directory)).sort();
  } catch {
    throw new UsageError(`Cannot read the directory ${directory}: give a PolNeAR split such as polnear/dev.`);
  }
  const documents: AnnotatedDocument[] = [];
  for (const file of names.filter((name) => name.endsWith('.txt'))) {
    const name = file.slice(0, -'.txt'.length);
    const annotation = names.find(
      (candidate) => candidate.startsWith(`${name}_`) && candidate.endsWith('.ann'),
    );
    if (!annotation) continue;
    const [text, ann] = await Promise.all([
      readFile(path.join(directory, file), 'utf8'),
      readFile(path.join(directory, annotation), 'utf8'),
    ]);
    documents.push({ name, text, gold: parseBrat(ann) });
  }
  if (documents.length === 0)
    throw new UsageError(`No NAME.txt with a NAME_XXXX.ann beside it in ${directory}.`);
  return documents;
}

export async function evalAttributionCommand(directory: string): Promise<void> {
  const documents = await readPolnear(directory);
  const scores = scoreDocuments(documents, (text) => attributionSpans(text));
  process.stdout.write(
    `${documents.length} documents in ${directory} (first annotator's .ann per article)\n\n${formatScores(scores)}\n`,
  );
}

export async function trainAttributionCommand(directory: string, output: string): Promise<void> {
  const documents = await readPolnear(directory);
  process.stderr.write(`Training on ${documents.length} documents…\n`);
  const weights = trainTagger(
    documents.map(({ text, gold }) => ({
      text,
      spans: gold.spans.flatMap(({ role, fragments }) =>
        fragments.map((fragment) => ({ role, ...fragment })),
      ),
    })),
    defaultTrainingOptions,
  );
  await writeFile(output, `${JSON.stringify(weights)}\n`);
  process.stderr.write(`Wrote ${Object.keys(weights.features).length} feature weights to ${output}\n`);
}
