// The API's one contract: every route declares its request and response schemas, no JSON
// answer is left open, and the check every API test runs (response-contract.ts) catches an
// answer the schema does not describe.
import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../src/lib/openapi.ts';
import { createTestApp, type TestApp } from './helpers.ts';
import { checkingContract, contractViolation, declaredRoutes } from './response-contract.ts';

/** The kinds of zod schema that accept anything: a response built from one describes nothing. */
const openKinds = new Set(['unknown', 'any']);

/** Paths (e.g. `items[].before`) inside a schema where it accepts any value. */
function openPlaces(schema: unknown, path = '', seen = new Set<unknown>()): string[] {
  if (typeof schema !== 'object' || schema === null || !('_zod' in schema) || seen.has(schema)) return [];
  seen.add(schema);
  const definition = (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  if (openKinds.has(definition.type)) return [path || '(body)'];
  const places: string[] = [];
  const visit = (child: unknown, childPath: string) => places.push(...openPlaces(child, childPath, seen));
  if (definition.type === 'object') {
    for (const [key, child] of Object.entries(definition['shape'] as Record<string, unknown>))
      visit(child, path ? `${path}.${key}` : key);
  } else if (definition.type === 'array') visit(definition['element'], `${path}[]`);
  else if (definition.type === 'record') visit(definition['valueType'], `${path}{}`);
  else if (definition.type === 'union')
    for (const option of definition['options'] as unknown[]) visit(option, path);
  else for (const key of ['innerType', 'in', 'out', 'left', 'right']) visit(definition[key], path);
  return places;
}

describe('the API contract', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(async () => {
    await testApp?.database.close();
  });

  it('declares every route with a success response, and its path parameters', () => {
    const routes = declaredRoutes(testApp.app);
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      const successes = Object.keys(route.responses).filter((status) => status.startsWith('2'));
      expect(successes, name).not.toEqual([]);
      if (route.path.includes('{'))
        expect(route.request?.params, `${name} declares its params`).toBeDefined();
    }
  });

  it('finds the open places in a schema', () => {
    const schema = z.object({
      counts: z.record(z.string(), z.unknown()),
      items: z.array(z.object({ before: z.any() })),
    });
    expect(openPlaces(schema)).toEqual(['counts{}', 'items[].before']);
  });

  it('leaves no JSON response open: every value has a schema, not unknown or any', () => {
    const open = declaredRoutes(testApp.app).flatMap((route) =>
      Object.entries(route.responses).flatMap(([status, response]) => {
        const schema = response.content?.['application/json']?.schema;
        return openPlaces(schema).map((place) => `${route.method} ${route.path} ${status}: ${place}`);
      }),
    );
    expect(open).toEqual([]);
  });

  describe('the check every API test runs', () => {
    const lyingRoutes = createRouter().openapi(
      createRoute({
        method: 'get',
        path: '/api/things/{id}',
        request: { params: z.object({ id: z.string() }) },
        responses: {
          200: {
            description: 'A thing',
            content: {
              'application/json': { schema: z.object({ name: z.string(), tags: z.array(z.string()) }) },
            },
          },
        },
      }),
      // The handler's answers vary by id so each test can make it break the contract one way.
      (c) => {
        const id = c.req.valid('param').id;
        if (id === 'extra-key') return c.json({ name: 'a', tags: [], secret: 'leaked' } as never, 200);
        if (id === 'nested-key') return c.json({ name: 'a', tags: [], owner: { id: 1 } } as never, 200);
        if (id === 'wrong-type') return c.json({ name: 1, tags: [] } as never, 200);
        if (id === 'undeclared-status') return c.json({ name: 'a', tags: [] }, 201 as never);
        if (id === 'plain-error') return c.text('nope', 409 as never) as never;
        return c.json({ name: 'a', tags: ['b'] }, 200);
      },
    );
    const app = checkingContract(lyingRoutes);
    const answer = (id: string) => Promise.resolve(app.request(`/api/things/${id}`));

    it('lets an answer the schema describes through', async () => {
      expect((await answer('fine')).status).toBe(200);
    });

    it.each([
      ['extra-key', 'secret is not in the schema'],
      ['nested-key', 'owner is not in the schema'],
      ['wrong-type', 'name: Invalid input'],
      ['undeclared-status', 'a status /api/things/{id} does not declare'],
      ['plain-error', 'not problem+json'],
    ])('fails a request whose answer breaks the contract (%s)', async (id, reason) => {
      await expect(answer(id)).rejects.toThrow(reason);
    });

    it('holds a problem+json body to the problem schema on any route', () => {
      const violation = contractViolation(
        [],
        { method: 'GET', path: '/nowhere' },
        { status: 404, contentType: 'application/problem+json', body: { title: 'Not found', status: 404 } },
      );
      expect(violation).toMatch(/problem\+json body its schema does not describe/);
    });
  });
});
