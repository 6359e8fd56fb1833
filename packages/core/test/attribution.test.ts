// The attribution layer: its learned tagger on PolNeAR dev (read from ../shared at run time),
// and its parts on hand-written text.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  attributionSpans,
  countMatches,
  emptyCounts,
  findAttributions,
  formatScores,
  parseBrat,
  scoreCounts,
  scoreDocuments,
} from '../src/attribution/index.ts';
import weights from '../src/attribution/weights.json' with { type: 'json' };
import { segment } from '../src/segment/index.ts';
import { suggest, withAttributionCues } from '../src/suggest/index.ts';
import { segmentFixturesDirectory, sharedDataDirectory } from './fixtures/segment/shared-data.ts';
import { article } from './fixtures/suggest/article.ts';

const polnearDev = path.join(sharedDataDirectory, 'polnear', 'dev');
const hasPolnear = existsSync(polnearDev);
if (!hasPolnear) console.warn(`Skipping the PolNeAR figures: ${polnearDev} is missing.`);

describe.skipIf(!hasPolnear)('attribution spans on PolNeAR dev', () => {
  it('reaches Source 45 and Cue 60 exact-span F1', () => {
    const files = readdirSync(polnearDev).sort();
    const documents = files.flatMap((file) => {
      const name = file.slice(0, -'.txt'.length);
      const annotation = files.find((other) => other.startsWith(`${name}_`) && other.endsWith('.ann'));
      if (!file.endsWith('.txt') || !annotation) return [];
      return [
        {
          text: readFileSync(path.join(polnearDev, file), 'utf8'),
          gold: parseBrat(readFileSync(path.join(polnearDev, annotation), 'utf8')),
        },
      ];
    });
    const scores = scoreDocuments(documents, (text) => attributionSpans(text));
    console.log(`PolNeAR dev, ${documents.length} articles\n${formatScores(scores)}`);
    expect(documents).toHaveLength(84);
    expect(scores.source.exact.f1).toBeGreaterThanOrEqual(0.45);
    expect(scores.cue.exact.f1).toBeGreaterThanOrEqual(0.6);
  }, 60_000);
});

describe('attribution layer', () => {
  it('finds source, cue and content, and normalises a known source', () => {
    const text = '"The talks will resume next month," the Korean Central News Agency said on Friday.';
    const [attribution] = findAttributions(text);
    const slice = (span: { start: number; end: number } | null) => span && text.slice(span.start, span.end);
    expect(slice(attribution!.cue)).toBe('said');
    expect(slice(attribution!.source)).toBe('the Korean Central News Agency');
    expect(slice(attribution!.content)).toBe('"The talks will resume next month,"');
    expect(attribution!.entity).toBe('KCNA');
  });

  it('nests an attribution that lies inside the reach of another', () => {
    const text = 'Officials said the minister told reporters that the plan would go ahead.';
    const attributions = findAttributions(text);
    const words = attributions.map(({ source }) => source && text.slice(source.start, source.end));
    expect(words).toEqual(['Officials', 'the minister']);
    expect(attributions.map(({ parent }) => parent)).toEqual([null, 0]);
  });

  it('commits only feature names and numbers: no sentence of any article', () => {
    const names = Object.keys(weights.features);
    expect(names.length).toBeGreaterThan(1000);
    expect(names.filter((name) => !/^[^\s]{1,120}$/.test(name))).toEqual([]);
    const values = Object.values(weights.features).flat();
    expect(values.every((value) => typeof value === 'number' && Number.isFinite(value))).toBe(true);
  });

  it('lets suggest() emit every attribution as source, reporting_verb and content cues', () => {
    const { text, segments } = article([
      ['The ministry said the ferry sank, and the coast guard said all passengers were rescued.'],
    ]);
    const [suggestion] = suggest(text, segments, { attributions: true });
    const kinds = suggestion!.cues.map((cue) => cue.kind);
    expect(kinds.filter((kind) => kind === 'reporting_verb')).toHaveLength(2);
    expect(kinds.filter((kind) => kind === 'source')).toHaveLength(2);
    expect(kinds).toContain('content');
    const [plain] = suggest(text, segments);
    expect(plain!.cues.some((cue) => cue.kind === 'content')).toBe(false);
  });
});

describe('PolNeAR scoring', () => {
  it('reads brat spans, discontinuous ones included, and their relations', () => {
    const document = parseBrat(
      'T1\tSource 0 5\tAlice\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;25 30\tx\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n',
    );
    expect(document.spans.map((span) => [span.role, span.fragments])).toEqual([
      ['source', [{ start: 0, end: 5 }]],
      ['cue', [{ start: 6, end: 10 }]],
      [
        'content',
        [
          { start: 11, end: 20 },
          { start: 25, end: 30 },
        ],
      ],
    ]);
    expect(document.attributions).toEqual([{ source: 'T1', cue: 'T2', content: 'T3' }]);
  });

  it('counts exact and overlapping matches, each gold span once', () => {
    const counts = emptyCounts();
    countMatches(
      counts.cue,
      [
        { start: 0, end: 4 },
        { start: 10, end: 14 },
        { start: 11, end: 13 },
      ],
      [
        { start: 0, end: 4 },
        { start: 10, end: 15 },
      ],
    );
    const { cue } = scoreCounts(counts);
    expect(cue.counts).toEqual({ predicted: 3, gold: 2, exact: 1, overlap: 2 });
    expect(cue.exact.precision).toBeCloseTo(1 / 3);
    expect(cue.overlap.recall).toBe(1);
  });
});

// The API's imports store suggestions without attribution cues and add them afterwards
// (withAttributionCues); on real articles the two steps must store what one call would.
const realDevDirectory = path.join(sharedDataDirectory, 'real-dev');
describe('attribution cues added after the rules', () => {
  const ownArticles = readdirSync(segmentFixturesDirectory)
    .filter((file) => file.endsWith('.txt') && !file.endsWith('.segments.txt'))
    .map((file) => readFileSync(path.join(segmentFixturesDirectory, file), 'utf8'));
  const realArticles = existsSync(realDevDirectory)
    ? readdirSync(realDevDirectory)
        .filter((file) => /^d\d+\.txt$/.test(file))
        .map((file) => readFileSync(path.join(realDevDirectory, file), 'utf8'))
    : [];
  if (realArticles.length === 0) console.warn(`Only our own articles here: ${realDevDirectory} is missing.`);

  it.each([
    ['our own articles', ownArticles],
    ['real-dev', realArticles],
  ])('are the cues of one call on %s', (_name, texts) => {
    let addedCues = 0;
    for (const text of texts) {
      const segments = segment(text);
      const rulesOnly = suggest(text, segments);
      const inTwoSteps = withAttributionCues(text, segments, rulesOnly);
      expect(inTwoSteps).toEqual(suggest(text, segments, { attributions: true }));
      addedCues += inTwoSteps.flatMap((one) => one.cues).length - rulesOnly.flatMap((one) => one.cues).length;
    }
    // Where there are articles, the second step adds cues (it is not a no-op on both sides).
    if (texts.length > 0) expect(addedCues).toBeGreaterThan(0);
  });
});
