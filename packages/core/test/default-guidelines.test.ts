import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultGuidelines } from '../src/default-guidelines.ts';

const guidelinesPath = fileURLToPath(new URL('../../../../shared/design/GUIDELINES.md', import.meta.url));
const hasDesignGuidelines = existsSync(guidelinesPath);
if (!hasDesignGuidelines)
  console.warn(`${guidelinesPath} is absent: the guidelines are not compared with the design.`);

describe('defaultGuidelines', () => {
  it('explains all three labels', () => {
    for (const key of ['kcna_claim', 'observer_inference', 'reported_fact'])
      expect(defaultGuidelines).toContain(key);
  });

  it.skipIf(!hasDesignGuidelines)('is the text of the design GUIDELINES.md', () => {
    expect(defaultGuidelines).toBe(readFileSync(guidelinesPath, 'utf8'));
  });
});
