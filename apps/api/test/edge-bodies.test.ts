// No request body reaches a 500: every route that takes JSON is sent bodies that are valid JSON
// but not what it wants (nothing, an empty object, the wrong type, an unknown field), against a
// project, document and sentence that exist, so a body that passes validation reaches the
// service and the database. Each must be answered with a problem a user can act on, or done.
import type { DocumentDetail, Project } from '@attest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';
import { type DeclaredRoute, declaredRoutes } from './response-contract.ts';

const edgeBodies: readonly unknown[] = [{}, [], null, 'text', 0, { unexpected: true }];

/** The top-level fields a route's JSON body declares (none when it is not an object). */
function declaredFields(schema: unknown): string[] {
  const definition = (schema as { _zod?: { def?: { type?: string; shape?: Record<string, unknown> } } })._zod
    ?.def;
  return definition?.type === 'object' ? Object.keys(definition.shape ?? {}) : [];
}

/** Every declared field at once set to blank text: empty, then spaces only. */
function blankBodies(schema: unknown): unknown[] {
  const fields = declaredFields(schema);
  if (fields.length === 0) return [];
  return ['', '   '].map((blank) => Object.fromEntries(fields.map((field) => [field, blank])));
}

describe('JSON bodies that are not what a route wants', () => {
  let testApp: TestApp;
  /** Path parameters that name things that exist (a made-up id where none is at hand). */
  let parameters: Record<string, string>;

  beforeAll(async () => {
    testApp = await createTestApp();
    const project = (await (await testApp.owner.request('/api/projects/demo')).json()) as Project;
    const documents = (await (await testApp.owner.request('/api/projects/demo/documents')).json()) as {
      items: { id: string }[];
    };
    const detail = (await (
      await testApp.owner.request(`/api/documents/${documents.items[0]!.id}`)
    ).json()) as DocumentDetail;
    const me = (await (await testApp.owner.request('/api/me')).json()) as { user: { id: string } };
    parameters = {
      slug: project.slug,
      id: detail.sentences.find((sentence) => sentence.kind === 'sentence')!.id,
      userId: me.user.id,
      token: 'not-an-invite-token',
    };
  }, 60_000);
  afterAll(async () => {
    await testApp?.database.destroy();
  });

  it('answers each with a problem or a success, never a 500', async () => {
    const jsonSchemaOf = (route: DeclaredRoute) =>
      (route.request as { body?: { content?: Record<string, { schema?: unknown }> } } | undefined)?.body
        ?.content?.['application/json'];
    const routes = declaredRoutes(testApp.app).filter((route) => jsonSchemaOf(route) !== undefined);
    expect(routes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) {
      const path = route.path.replace(
        /\{(\w+)\}/g,
        (_, name: string) => parameters[name] ?? crypto.randomUUID(),
      );
      for (const body of [...edgeBodies, ...blankBodies(jsonSchemaOf(route)?.schema)]) {
        const response = await testApp.owner.json(route.method, path, body);
        sent++;
        const name = `${route.method} ${route.path} ${JSON.stringify(body)}`;
        if (response.status >= 500) failures.push(`${name}: ${response.status} ${await response.text()}`);
        else if (
          response.status >= 400 &&
          response.headers.get('content-type') !== 'application/problem+json'
        )
          failures.push(`${name}: ${response.status} without problem+json`);
      }
    }
    expect(failures).toEqual([]);
    // Every JSON body the API takes is an object, so each route was also sent its two blank ones.
    expect(sent).toBe(routes.length * (edgeBodies.length + 2));
  });
});
