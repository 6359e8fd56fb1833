// Provenance reports for reviewers: what a document or a project rests on, computed from SQL
// aggregates (db/src/queries/reports.ts) and the agreement statistics of @attest/core.
import { agreementSummary, type ConfusionMatrix, ratingTableFromRatings, scottsPi } from '@attest/core';
import {
  analystConfusion,
  analystProgress,
  chainCounts,
  documentRatings,
  documentStrip,
  findDocumentSummary,
  listAllAnnotationsForDocument,
  listLabels,
  type PairRow,
  projectGoldCounts,
  projectSourceCounts,
  type RatingRow,
  refreshReportCounts,
  sourceCounts,
} from '@attest/db';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { managers, requireDocument, requireProject, seesEveryone } from './access.ts';
import type { ServiceContext } from './context.ts';

export async function documentReport(context: ServiceContext, documentId: string) {
  const { role, projectId } = await requireDocument(context, documentId);
  if (!seesEveryone(role))
    throw new ForbiddenError('Reports compare analysts: owners and reviewers read them.');
  const document = await findDocumentSummary(context.db, {
    projectId,
    documentId,
    annotatorId: context.userId,
    withBody: true,
  });
  if (!document) throw new NotFoundError('Document');
  const [labels, strip, sources, chains, annotations, ratings] = await Promise.all([
    listLabels(context.db, { projectId }),
    documentStrip(context.db, { projectId, documentId }),
    sourceCounts(context.db, { projectId, documentId }),
    chainCounts(context.db, { projectId, documentId }),
    listAllAnnotationsForDocument(context.db, { projectId, documentId }),
    documentRatings(context.db, { projectId, documentId }),
  ]);
  const categories = labels.map((label) => label.key);
  return {
    document: {
      id: document.id,
      title: document.title,
      outlet: document.outlet,
      publishedAt: document.publishedAt?.toISOString() ?? null,
    },
    labels: labels.map(({ key, name, color }) => ({ key, name, color })),
    composition: countBy(strip, (row) => row.gold ?? `(${row.status})`),
    statuses: countBy(strip, (row) => row.status),
    strip,
    sources: sources.map((row) => ({ source: row.key ?? '', count: row.total })),
    chains,
    cues: cueWordCounts(
      document.body,
      annotations.flatMap((annotation) => annotation.cues),
    ),
    disagreements: disagreementCount(ratings),
    labelsPerAnalyst: labelsPerAnalyst(ratings),
    agreement: agreementSummary(ratingTableFromRatings(ratings, categories)),
  };
}

export async function projectReport(context: ServiceContext, projectSlug: string) {
  const { project } = await requireProject(context, projectSlug, managers, 'read its report');
  // The counts of documents changed since the last report are recomputed first (usually a few).
  await refreshReportCounts(context.db);
  const [labels, goldCounts, sources, pairs, analysts] = await Promise.all([
    listLabels(context.db, { projectId: project.id }),
    projectGoldCounts(context.db, { projectId: project.id }),
    projectSourceCounts(context.db, { projectId: project.id }),
    analystConfusion(context.db, { projectId: project.id }),
    analystProgress(context.db, { projectId: project.id }),
  ]);
  const { byDocument, byPublished: byDate, byOutlet, suggestionPairs } = goldCounts;
  const categories = labels.map((label) => label.key);
  const analystMatrix = matrixOf(pairs, categories, 'analyst', 'analyst', true);
  // Pooled over many pairs of analysts, a pair has no first and second: Scott's pi, not Cohen's kappa.
  const analystAgreement = scottsPi(analystMatrix);
  const suggestionMatrix = matrixOf(suggestionPairs, categories, 'suggestion', 'gold', false);
  const outletShares = groupTotals(byOutlet).map(({ group, totals }) => {
    const decided = Object.entries(totals).filter(([key]) => categories.includes(key));
    const labelled = decided.reduce((sum, [, count]) => sum + count, 0);
    return {
      outlet: group ?? '(no outlet)',
      kcnaClaims: totals['kcna_claim'] ?? 0,
      labelled,
      share: labelled ? (totals['kcna_claim'] ?? 0) / labelled : null,
    };
  });
  return {
    project: { slug: project.slug, name: project.name },
    labels: labels.map(({ key, name, color }) => ({ key, name, color })),
    byDocument: groupTotals(byDocument),
    byPublicationDate: groupTotals(byDate),
    kcnaShareByOutlet: outletShares,
    sources: sources.map((row) => ({ source: row.key ?? '', count: row.total })),
    analystConfusion: {
      categories,
      counts: analystMatrix.counts,
      pairs: analystAgreement.pairs,
      scottsPi: analystAgreement.pi,
    },
    analysts: analysts.map((analyst) => {
      // Shares of the labels whose relation to the suggestion was recorded.
      const recorded = analyst.labelled - analyst.unrecorded;
      return {
        ...analyst,
        acceptanceRate: recorded ? analyst.acceptedSuggestions / recorded : null,
        suggestedLabelRate: recorded
          ? (analyst.acceptedSuggestions + analyst.choseSuggestedLabel) / recorded
          : null,
        agreementWithGold: analyst.withGold ? analyst.matchingGold / analyst.withGold : null,
      };
    }),
    suggestions: {
      categories,
      counts: suggestionMatrix.counts,
      perLabel: categories.map((key, index) => {
        const truePositives = suggestionMatrix.counts[index]?.[index] ?? 0;
        const suggested = suggestionMatrix.counts[index]?.reduce((sum, count) => sum + count, 0) ?? 0;
        const gold = suggestionMatrix.counts.reduce((sum, row) => sum + (row[index] ?? 0), 0);
        return {
          label: key,
          precision: suggested ? truePositives / suggested : null,
          recall: gold ? truePositives / gold : null,
          support: gold,
        };
      }),
    },
  };
}

/** Sentences two analysts gave different labels, settled or not: what the review walks through. */
function disagreementCount(ratings: readonly RatingRow[]): number {
  const labelsBySentence = new Map<string, Set<string>>();
  for (const rating of ratings) {
    const labels = labelsBySentence.get(rating.unit) ?? new Set<string>();
    labels.add(rating.label);
    labelsBySentence.set(rating.unit, labels);
  }
  return [...labelsBySentence.values()].filter((labels) => labels.size > 1).length;
}

/** How many sentences each analyst gave each label, in the ratings' analyst order. */
function labelsPerAnalyst(ratings: readonly RatingRow[]) {
  const countsByAnalyst = new Map<string, Record<string, number>>();
  for (const rating of ratings) {
    const counts = countsByAnalyst.get(rating.coder) ?? {};
    counts[rating.label] = (counts[rating.label] ?? 0) + 1;
    countsByAnalyst.set(rating.coder, counts);
  }
  return [...countsByAnalyst].map(([annotatorId, counts]) => ({ annotatorId, counts }));
}

function countBy<Item>(items: readonly Item[], keyOf: (item: Item) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const key = keyOf(item);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Folds (group, gold, status, total) rows into one object of label and status counts per group. */
function groupTotals(
  rows: readonly { group: string | null; gold: string | null; status: string; total: number }[],
) {
  const groups = new Map<string | null, Record<string, number>>();
  for (const row of rows) {
    const totals = groups.get(row.group) ?? {};
    const key = row.gold ?? `(${row.status})`;
    totals[key] = (totals[key] ?? 0) + row.total;
    groups.set(row.group, totals);
  }
  return [...groups].map(([group, totals]) => ({ group, totals }));
}

/** A confusion matrix from pair counts; `symmetric` folds both orders of analyst pairs together. */
function matrixOf(
  pairs: readonly PairRow[],
  categories: readonly string[],
  rowCoder: string,
  columnCoder: string,
  symmetric: boolean,
): ConfusionMatrix {
  const counts = categories.map(() => categories.map(() => 0));
  let units = 0;
  for (const pair of pairs) {
    const row = categories.indexOf(pair.first);
    const column = categories.indexOf(pair.second);
    if (row < 0 || column < 0) continue;
    if (symmetric && row !== column) {
      // Which analyst came first is arbitrary: split the pair evenly over both cells.
      counts[row]![column]! += pair.total / 2;
      counts[column]![row]! += pair.total / 2;
    } else {
      counts[row]![column]! += pair.total;
    }
    units += pair.total;
  }
  return { categories, rowCoder, columnCoder, counts, units };
}

/**
 * The words analysts marked as cues, from offsets into the body: grouped case-insensitively
 * ("the KCNA" and "The KCNA" are one row), shown as most often written, with every kind they
 * were marked as (most often first) and how often in all.
 */
export function cueWordCounts<Kind extends string>(
  body: string,
  cues: readonly { start: number; end: number; kind: Kind }[],
): { text: string; kinds: Kind[]; count: number }[] {
  const groups = new Map<string, { count: number; forms: Map<string, number>; kinds: Map<Kind, number> }>();
  for (const cue of cues) {
    const written = body.slice(cue.start, cue.end).trim().replace(/\s+/g, ' ');
    if (!written) continue;
    const key = written.toLocaleLowerCase('en');
    const group = groups.get(key) ?? { count: 0, forms: new Map(), kinds: new Map() };
    group.count++;
    group.forms.set(written, (group.forms.get(written) ?? 0) + 1);
    group.kinds.set(cue.kind, (group.kinds.get(cue.kind) ?? 0) + 1);
    groups.set(key, group);
  }
  const mostFrequent = <Item>(counts: Map<Item, number>): Item[] =>
    [...counts].sort((a, b) => b[1] - a[1]).map(([item]) => item);
  return [...groups.values()]
    .map((group) => ({
      text: mostFrequent(group.forms)[0]!,
      kinds: mostFrequent(group.kinds),
      count: group.count,
    }))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
    .slice(0, 50);
}
