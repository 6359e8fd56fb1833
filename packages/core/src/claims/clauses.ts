// A sentence of wire copy often carries several claims at once: a lead states the launch, the
// range and the completed force in one breath, and a long sentence wraps its claim in
// circumstances (who announced it, when, after what). Claims are linked clause by clause, so each
// claim of a lead meets its own paraphrase elsewhere, and a short headline meets the core clause
// of a long sentence instead of all its circumstances at once.
import { claimFeatures } from './features.ts';

// Where one proposition ends and the next begins. Each pattern matches the separator only: the
// word that opens a clause stays with it.
const clauseBoundary = new RegExp(
  [
    // A sentence ends inside the segment (a quotation of several sentences). "U.S." and "a.m."
    // end none: the stop follows two letters or digits of one word.
    String.raw`(?<=[\p{Ll}\d]{2}[.!?]["”’]?)\s+(?=["“‘]?\p{Lu})`,
    String.raw`\s*;\s*`,
    String.raw`\s+[—–-]\s+`,
    // A participle after a comma: "…, vowing to become …", "…, marking a major step …".
    String.raw`,\s+(?=\p{Ll}+ing\s)`,
    // A relative "that" is followed by its verb ("a missile that can reach …"); a "that" followed
    // by a subject opens what a verb of saying reports ("said that it had …", "could not confirm
    // that the satellite …"), which stays with its frame so the frame's denial or hedge holds.
    String.raw`\s+(?=that\s+(?!(?:the|a|an|it|its|he|she|they|we|i|you|his|her|their|our|this|these|those|there|now|such|no|not|some|all|both|one)\b)\p{Ll})`,
    String.raw`,?\s+(?=(?:after|following)\s)`,
    String.raw`,\s+(?=(?:as|where|when)\s)`,
  ].join('|'),
  'gu',
);

/** A clause with fewer content words than this is no claim of its own: it joins its neighbour. */
const minimumClauseWords = 2;

/**
 * The clauses of a sentence that may each carry a claim, in order; the sentence alone when it has
 * no boundary. A fragment with fewer than two content words (an attribution frame such as "North
 * Korea said Wednesday", a date, "if confirmed") joins the clause after it, or the one before when
 * it comes last, so hedges and figures stay with the proposition they qualify.
 */
export function claimClauses(text: string): string[] {
  const clauses: string[] = [];
  let pending = '';
  for (const piece of text.split(clauseBoundary)) {
    if (!piece.trim()) continue;
    const candidate = pending ? `${pending} ${piece}` : piece;
    if (claimFeatures(candidate).stems.size < minimumClauseWords) pending = candidate;
    else {
      clauses.push(candidate);
      pending = '';
    }
  }
  const last = clauses.pop();
  if (last === undefined) return [text];
  return [...clauses, pending ? `${last} ${pending}` : last];
}
