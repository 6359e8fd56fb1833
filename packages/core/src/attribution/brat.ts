// Reads attribution annotations in brat standoff, as PolNeAR ships them:
// `T<n>\t<Role> <start> <end>[;<start> <end>…]\t<text>` spans and
// `E<n>\tAttribution:T.. Source:T.. Cue:T.. Content:T..` relations.
import type { Role } from './tags.ts';

export interface BratSpan {
  id: string;
  role: Role;
  /** Fragments in order; a discontinuous span has several. */
  fragments: { start: number; end: number }[];
}

export interface BratAttribution {
  source: string | null;
  cue: string | null;
  content: string | null;
}

export interface BratDocument {
  spans: BratSpan[];
  attributions: BratAttribution[];
}

const roleNames: Record<string, Role> = { Source: 'source', Cue: 'cue', Content: 'content' };

export function parseBrat(annotation: string): BratDocument {
  const spans: BratSpan[] = [];
  const attributions: BratAttribution[] = [];
  for (const line of annotation.split(/\r?\n/)) {
    const [id, body] = line.split('\t');
    if (!id || !body) continue;
    if (id.startsWith('T')) {
      const [roleName, ...rest] = body.split(' ');
      const role = roleNames[roleName ?? ''];
      if (!role) continue;
      const fragments = rest
        .join(' ')
        .split(';')
        .map((pair) => pair.trim().split(/\s+/).map(Number))
        .filter((pair) => pair.length === 2 && pair.every(Number.isInteger))
        .map(([start, end]) => ({ start: start!, end: end! }));
      if (fragments.length > 0) spans.push({ id, role, fragments });
    } else if (id.startsWith('E')) {
      const argument = (name: string) => new RegExp(`(?:^|\\s)${name}:(T\\d+)`).exec(body)?.[1] ?? null;
      attributions.push({ source: argument('Source'), cue: argument('Cue'), content: argument('Content') });
    }
  }
  return { spans, attributions };
}
