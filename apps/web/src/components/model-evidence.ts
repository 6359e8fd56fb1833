// What the editor says about who decided a suggestion: a rule, or the project's learned model
// and the words that pulled it, in the analyst's terms ("'monitored in' +2.1").
import type { Suggestion } from '@attest/core';
import { minGoldSentences } from '@attest/core/learn-thresholds';

export interface DeciderText {
  /** One sentence: who decided, and on what. */
  decider: string;
  /** Features for the model's label, e.g. "'monitored in' +2.1"; empty when the rules decided alone. */
  pullsFor: string[];
  pullsAgainst: string[];
}

/** A weight with its sign, as the analyst reads it: +2.1, −1.4 (a real minus sign). */
export function formatWeight(weight: number): string {
  const rounded = Math.abs(weight).toFixed(1);
  return weight < 0 ? `−${rounded}` : `+${rounded}`;
}

export function describeDecider(
  suggestion: Suggestion,
  labelName: (key: string | null) => string,
): DeciderText {
  const learned = suggestion.learned;
  if (!learned)
    return {
      decider: `Decided by the rule ${suggestion.rule}. Rules alone decide in this project until its learned model has ${minGoldSentences} gold sentences to learn from.`,
      pullsFor: [],
      pullsAgainst: [],
    };
  // Rounded down: 99.6% is not "100% sure".
  const sure = `${Math.floor(learned.probability * 100)}%`;
  const from = `learned from ${learned.goldSentences} gold sentences in this project`;
  const pulls = (list: typeof learned.for) =>
    list.map((pull) => `${pull.description} ${formatWeight(pull.weight)}`);
  const decider = learned.decided
    ? `Decided by the project's model (version ${learned.modelVersion}, ${from}), ${sure} sure. ` +
      (learned.ruleLabel === learned.label
        ? `The rule ${learned.rule} agrees.`
        : `The rule ${learned.rule} said ${labelName(learned.ruleLabel)}.`)
    : `Decided by the rule ${learned.rule}: the project's model (version ${learned.modelVersion}, ${from}) leaned to ${labelName(learned.label)} but was only ${sure} sure.`;
  return { decider, pullsFor: pulls(learned.for), pullsAgainst: pulls(learned.against) };
}
