import { contrastRatio, type Project } from '@attest/core';
import { replaceLabels } from '@attest/db';
import { InvalidInputError, ProblemError } from '../errors.ts';
import { ownersOnly, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';
import { getProject } from './projects.ts';

export interface LabelInput {
  key: string;
  name: string;
  color: string;
  hotkey?: string | null | undefined;
  description?: string | undefined;
}

/** Sets a project's labels; a label still used by annotations cannot be removed. */
export async function setProjectLabels(
  context: ServiceContext,
  projectSlug: string,
  wanted: LabelInput[],
): Promise<Project> {
  const { project } = await requireProject(context, projectSlug, ownersOnly, 'change its labels');
  assertDistinct(
    wanted.map((label) => label.key),
    'key',
  );
  assertDistinct(
    wanted.flatMap((label) => (label.hotkey ? [label.hotkey] : [])),
    'hotkey',
  );
  const lowContrast = wanted.filter((label) => contrastRatio('#ffffff', label.color) < 4.5);
  if (lowContrast.length > 0) {
    throw new InvalidInputError(
      `White text on ${lowContrast.map((label) => `${label.key} (${label.color})`).join(', ')} is hard to read (contrast below 4.5:1); choose a darker colour.`,
    );
  }
  const result = await context.db.transaction((transaction) =>
    replaceLabels(transaction, {
      projectId: project.id,
      labels: wanted.map((label) => ({
        ...label,
        hotkey: label.hotkey ?? null,
        description: label.description ?? '',
      })),
    }),
  );
  if (result.removedInUse.length > 0) {
    throw new ProblemError(
      409,
      'label-in-use',
      'A label is still in use',
      `Annotations use ${result.removedInUse.join(', ')}; relabel those sentences before removing the label.`,
    );
  }
  return getProject(context, projectSlug);
}

function assertDistinct(values: string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value))
      throw new InvalidInputError(`Two labels share the ${what} "${value}"; each needs its own.`);
    seen.add(value);
  }
}
