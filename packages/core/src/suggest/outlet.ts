// The outlet that publishes the article starts every attribution chain; it shows in a dateline
// ("SEOUL, July 27 (Yonhap) --") or a credit line ("Source: Yonhap News Agency").
import { outletEntries } from './lexicon.ts';

const outletAlternation = outletEntries.map((entry, index) => `(?<o${index}>${entry.pattern})`).join('|');
const datelineOutlet = new RegExp(String.raw`\((?:${outletAlternation})\)\s*(?:--|—|–|-)`);
const creditLineOutlet = new RegExp(
  String.raw`^\s*(?:Source|Copyright|©)\s*:?\s*(?:${outletAlternation})\b`,
  'm',
);

/** The normalised outlet name, or null when the article does not say. */
export function detectOutlet(documentText: string): string | null {
  const match = datelineOutlet.exec(documentText) ?? creditLineOutlet.exec(documentText);
  if (!match?.groups) return null;
  const index = outletEntries.findIndex(
    (_entry, entryIndex) => match.groups?.[`o${entryIndex}`] !== undefined,
  );
  return outletEntries[index]?.name ?? null;
}
