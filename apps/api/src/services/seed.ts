// What a first start creates in an empty database: a demo project with a sample article.
// It has no owner yet: the first account, made on the first-run page, becomes its owner.
import { defaultGuidelines, defaultLabels } from '@attest/core';
import { createProject, listProjects } from '@attest/db';
import { sampleArticle } from '../demo/sample-article.ts';
import type { ServiceContext } from './context.ts';
import { storeDocument } from './import-document.ts';

export const demoProjectSlug = 'demo';

export async function seedFirstStart(db: ServiceContext['db']): Promise<void> {
  if ((await listProjects(db)).length > 0) return;
  const project = await createProject(db, {
    slug: demoProjectSlug,
    name: 'Demo: state-media provenance',
    guidelines: defaultGuidelines,
    labels: [...defaultLabels],
  });
  // Another process seeding at the same moment created it first.
  if (!project) return;
  await storeDocument(db, project, sampleArticle, null);
}
