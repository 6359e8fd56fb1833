export const segmentKinds = ['headline', 'sentence', 'boilerplate'] as const;
export type SegmentKind = (typeof segmentKinds)[number];

/** One segment of a document; `start`/`end` are UTF-16 offsets and `text === body.slice(start, end)`. */
export interface Segment {
  start: number;
  end: number;
  kind: SegmentKind;
  text: string;
}
