// Dataset rows of a project for callers that want objects rather than encoded bytes (the CLI's
// JSON lines, tests). The schema and the paging live in dataset-rows.ts.

import { type DatasetRow, datasetSchemaVersion } from '@attest/core';
import { managers, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';
import { type DatasetOptions, datasetRows } from './dataset-rows.ts';

export const exportSchemaVersion = datasetSchemaVersion;

export type ExportRow = DatasetRow;

export async function* exportRows(
  context: ServiceContext,
  projectSlug: string,
  options: DatasetOptions = { scope: 'gold', filters: {}, pseudonymise: true },
): AsyncGenerator<ExportRow> {
  const { project } = await requireProject(context, projectSlug, managers, 'export it');
  yield* datasetRows(context, project, options);
}
