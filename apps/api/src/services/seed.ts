// What a first start creates: the local analyst and, in an empty database, a demo project.
import { defaultGuidelines, defaultLabels } from '@attest/core';
import { createProject, ensureLocalAnalyst, listProjects, type User } from '@attest/db';
import { sampleArticle } from '../demo/sample-article.ts';
import type { ServiceContext } from './context.ts';
import { importDocument } from './import-document.ts';

export const demoProjectSlug = 'demo';

export async function seedFirstStart(db: ServiceContext['db']): Promise<User> {
  const analyst = await ensureLocalAnalyst(db);
  if ((await listProjects(db)).length > 0) return analyst;
  const project = await createProject(db, {
    slug: demoProjectSlug,
    name: 'Demo: state-media provenance',
    guidelines: defaultGuidelines,
    labels: [...defaultLabels],
  });
  // Another process seeding at the same moment created it first.
  if (!project) return analyst;
  await importDocument({ db, userId: analyst.id }, { projectId: project.id, ...sampleArticle });
  return analyst;
}
