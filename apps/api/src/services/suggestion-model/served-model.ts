// The model every process serves: the project's newest stored version, read from the database
// (a one-row lookup per request) and kept loaded per process until a newer version appears.
import { combineSuggestions, LoadedModel, type ProjectModel, type Sentence } from '@attest/core';
import {
  type Executor,
  findDocumentOutlet,
  findLatestSuggestionModel,
  findSuggestionModelWeights,
} from '@attest/db';

const loadedByProject = new Map<string, ProjectModel>();

export async function servedModel(db: Executor, projectId: string): Promise<ProjectModel | null> {
  const latest = await findLatestSuggestionModel(db, { projectId });
  if (!latest) return null;
  const loaded = loadedByProject.get(projectId);
  if (loaded?.version === latest.version) return loaded;
  const weights = await findSuggestionModelWeights(db, { projectId, version: latest.version });
  if (!weights) return null;
  const projectModel = { version: latest.version, model: new LoadedModel(weights) };
  loadedByProject.set(projectId, projectModel);
  return projectModel;
}

/**
 * The sentences with the project's model applied to their stored (rules') suggestions. The
 * model reads each sentence, its neighbour before and the rules' verdicts; `before` is the
 * sentence preceding the first one, when the list is a later page of the document.
 */
export async function withLearnedSuggestions(
  db: Executor,
  document: {
    projectId: string;
    documentId: string;
    /** The document's outlet; left out, it is read only when the project has a model. */
    outlet?: string | null;
  },
  sentences: readonly Sentence[],
  before?: Sentence,
): Promise<Sentence[]> {
  const projectModel = await servedModel(db, document.projectId);
  if (!projectModel || sentences.length === 0) return [...sentences];
  const outlet =
    document.outlet === undefined
      ? await findDocumentOutlet(db, { projectId: document.projectId, documentId: document.documentId })
      : document.outlet;
  return applyModel(projectModel, sentences, outlet, before);
}

/** The sentences of one document (or a run of them) with `projectModel` applied, as above. */
export function applyModel(
  projectModel: ProjectModel,
  sentences: readonly Sentence[],
  outlet: string | null,
  before?: Sentence,
): Sentence[] {
  const all = before ? [before, ...sentences] : sentences;
  const combined = combineSuggestions(
    spreadText(all),
    all,
    all.map((sentence) => sentence.suggestion),
    projectModel,
    undefined,
    { outlet, firstPosition: all[0]?.position ?? 0 },
  );
  const offset = before ? 1 : 0;
  return sentences.map((sentence, index) => ({ ...sentence, suggestion: combined[index + offset] ?? null }));
}

/**
 * A stand-in for the document body with each sentence at its offsets (spaces between): the
 * features read only inside sentences, so the body need not be loaded.
 */
function spreadText(sentences: readonly Sentence[]): string {
  let text = '';
  for (const sentence of sentences) {
    if (sentence.start < text.length) continue;
    text += ' '.repeat(sentence.start - text.length) + sentence.text;
  }
  return text;
}
