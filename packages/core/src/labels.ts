// The default provenance label set every new project starts with (see GUIDELINES.md).

export const labelKeys = ['kcna_claim', 'observer_inference', 'reported_fact'] as const;
export type DefaultLabelKey = (typeof labelKeys)[number];

export interface LabelDefinition {
  key: string;
  name: string;
  /** Background colour of the label chip; white text on it meets WCAG AA (≥ 4.5:1). */
  color: string;
  hotkey: string;
  description: string;
}

export const defaultLabels: readonly LabelDefinition[] = [
  {
    key: 'kcna_claim',
    name: 'KCNA claim',
    color: '#b42318',
    hotkey: '1',
    description:
      'Asserted by North Korean state media (KCNA, Rodong Sinmun, KCTV, "state media") or by a North Korean official through them.',
  },
  {
    key: 'observer_inference',
    name: 'Observer inference',
    color: '#6941c6',
    hotkey: '2',
    description:
      'Interpretation, speculation, assessment or forecast by observers, analysts, officials or the reporter.',
  },
  {
    key: 'reported_fact',
    name: 'Reported fact',
    color: '#175cd3',
    hotkey: '3',
    description: 'Stated as fact by the outlet, not attributed to state media and not hedged.',
  },
];

/** WCAG 2 contrast ratio between two #rrggbb colours; used to check label colours. */
export function contrastRatio(foreground: string, background: string): number {
  const [lighter, darker] = [relativeLuminance(foreground), relativeLuminance(background)].sort(
    (a, b) => b - a,
  ) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const [red, green, blue] = match.slice(1).map((pair) => {
    const channel = Number.parseInt(pair, 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}
