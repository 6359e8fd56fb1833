// A multinomial logistic regression over sparse, binary, named features, trained per project.
//
// Why our own: the model must read thousands of sparse feature names (words, word pairs, cues)
// and say which of them pushed a label up or down. The JavaScript libraries we looked at
// (ml-logistic-regression, ml-naivebayes of mljs) take dense matrices — 10,000 sentences × 40,000
// features would be 400 million numbers — and the first is one-vs-rest binary only. Logistic
// regression rather than naive Bayes: its probabilities are calibrated enough to gate on (the
// model decides only where it is sure), and correlated features (a word and the pair holding it)
// do not count twice. Training: AdaGrad stochastic gradient descent on the softmax loss with L2,
// in a fixed, seeded order so the same gold always gives the same model.

/** A trained model as stored: feature names and numbers only, no sentence text. */
export interface SuggestionModel {
  format: 1;
  /** The labels, in the order of each feature's weights. */
  labels: string[];
  /** How many gold sentences it learned from. */
  goldSentences: number;
  features: string[];
  /** `features.length × labels.length` weights, one row per feature. */
  weights: number[];
  /** One bias per label. */
  bias: number[];
}

export interface TrainingExample {
  features: readonly string[];
  label: string;
}

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per example, applied to the weights an example touches. */
  l2: number;
  /** Features seen fewer times than this in the gold are left out: they would only memorise. */
  minFeatureCount: number;
  seed: number;
}

export const defaultTrainingOptions: TrainingOptions = {
  epochs: 20,
  learningRate: 0.5,
  l2: 0.01,
  minFeatureCount: 2,
  seed: 1,
};

/** Trains on gold sentences; throws on an empty set (there is nothing to learn). */
export function trainModel(
  examples: readonly TrainingExample[],
  options: Partial<TrainingOptions> = {},
): SuggestionModel {
  const settings = { ...defaultTrainingOptions, ...options };
  if (examples.length === 0) throw new Error('A model needs at least one gold sentence.');
  const labels = [...new Set(examples.map((example) => example.label))].sort();
  const labelIndex = new Map(labels.map((label, index) => [label, index]));

  const featureCounts = new Map<string, number>();
  for (const example of examples)
    for (const feature of example.features) featureCounts.set(feature, (featureCounts.get(feature) ?? 0) + 1);
  const features = [...featureCounts]
    .filter(([, count]) => count >= settings.minFeatureCount)
    .map(([feature]) => feature)
    .sort();
  const featureIndex = new Map(features.map((feature, index) => [feature, index]));
  const rows = examples.map((example) => ({
    features: Int32Array.from(
      example.features.flatMap((feature) => {
        const index = featureIndex.get(feature);
        return index === undefined ? [] : [index];
      }),
    ),
    label: labelIndex.get(example.label) ?? 0,
  }));

  const labelCount = labels.length;
  const weights = new Float64Array(features.length * labelCount);
  const squaredGradients = new Float64Array(features.length * labelCount).fill(1e-8);
  const bias = new Float64Array(labelCount);
  const biasSquaredGradients = new Float64Array(labelCount).fill(1e-8);
  const probabilities = new Float64Array(labelCount);
  const order = rows.map((_, index) => index);
  const random = seededRandom(settings.seed);

  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, random);
    for (const rowIndex of order) {
      const row = rows[rowIndex]!;
      softmaxInto(probabilities, row.features, weights, bias, labelCount);
      for (let label = 0; label < labelCount; label++) {
        const gradient = (probabilities[label] ?? 0) - (label === row.label ? 1 : 0);
        biasSquaredGradients[label]! += gradient * gradient;
        bias[label]! -= (settings.learningRate * gradient) / Math.sqrt(biasSquaredGradients[label]!);
        for (const feature of row.features) {
          const at = feature * labelCount + label;
          const full = gradient + settings.l2 * weights[at]!;
          squaredGradients[at]! += full * full;
          weights[at]! -= (settings.learningRate * full) / Math.sqrt(squaredGradients[at]!);
        }
      }
    }
  }
  return {
    format: 1,
    labels,
    goldSentences: examples.length,
    features,
    weights: Array.from(weights, round),
    bias: Array.from(bias, round),
  };
}

/** Weights kept to 4 decimals: a stored model stays small and reads the same everywhere. */
function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

function softmaxInto(
  into: Float64Array,
  featureIndexes: Int32Array,
  weights: ArrayLike<number>,
  bias: ArrayLike<number>,
  labelCount: number,
) {
  let highest = Number.NEGATIVE_INFINITY;
  for (let label = 0; label < labelCount; label++) {
    let score = bias[label] ?? 0;
    for (const feature of featureIndexes) score += weights[feature * labelCount + label] ?? 0;
    into[label] = score;
    if (score > highest) highest = score;
  }
  let sum = 0;
  for (let label = 0; label < labelCount; label++) {
    const exponential = Math.exp((into[label] ?? 0) - highest);
    into[label] = exponential;
    sum += exponential;
  }
  for (let label = 0; label < labelCount; label++) into[label] = (into[label] ?? 0) / sum;
}

/** Mulberry32: a small seeded generator, so training is repeatable. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(values: number[], random: () => number) {
  for (let index = values.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [values[index], values[other]] = [values[other]!, values[index]!];
  }
}

/** One feature's pull on a label: its weight for the label minus its mean weight over labels. */
export interface FeaturePull {
  feature: string;
  weight: number;
}

export interface Prediction {
  label: string;
  probability: number;
  /** Every label's probability, in the model's label order. */
  probabilities: Record<string, number>;
  /** The sentence's features that most raised the predicted label, strongest first. */
  for: FeaturePull[];
  /** The sentence's features that most lowered it, strongest first. */
  against: FeaturePull[];
}

/** A model ready to predict: the feature names looked up once. */
export class LoadedModel {
  readonly #featureIndex: Map<string, number>;

  constructor(readonly model: SuggestionModel) {
    this.#featureIndex = new Map(model.features.map((feature, index) => [feature, index]));
  }

  predict(features: readonly string[], explanationSize = 3): Prediction {
    const { labels, weights, bias } = this.model;
    const labelCount = labels.length;
    const known = Int32Array.from(
      features.flatMap((feature) => {
        const index = this.#featureIndex.get(feature);
        return index === undefined ? [] : [index];
      }),
    );
    const probabilities = new Float64Array(labelCount);
    softmaxInto(probabilities, known, weights, bias, labelCount);
    let best = 0;
    for (let label = 1; label < labelCount; label++)
      if ((probabilities[label] ?? 0) > (probabilities[best] ?? 0)) best = label;
    // A weight only means something against the other labels' weights for the same feature.
    const pulls = Array.from(known, (feature) => {
      let sum = 0;
      for (let label = 0; label < labelCount; label++) sum += weights[feature * labelCount + label] ?? 0;
      const weight = (weights[feature * labelCount + best] ?? 0) - sum / labelCount;
      return { feature: this.model.features[feature] ?? '', weight: Math.round(weight * 100) / 100 };
    }).filter((pull) => pull.weight !== 0);
    return {
      label: labels[best] ?? '',
      probability: probabilities[best] ?? 0,
      probabilities: Object.fromEntries(labels.map((label, index) => [label, probabilities[index] ?? 0])),
      for: pulls
        .filter((pull) => pull.weight > 0)
        .sort((first, second) => second.weight - first.weight)
        .slice(0, explanationSize),
      against: pulls
        .filter((pull) => pull.weight < 0)
        .sort((first, second) => first.weight - second.weight)
        .slice(0, explanationSize),
    };
  }
}
