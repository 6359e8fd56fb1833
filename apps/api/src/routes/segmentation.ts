import { segmentationChangeSchema } from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, problemResponses } from '../lib/openapi.ts';
import { mergeWithNext, segmentationImpact, splitSentence } from '../services/segmentation.ts';
import { idParams } from './params.ts';

const confirmSchema = z.boolean().optional().openapi({
  description:
    "Owners and reviewers: yes to changing other people's labels or the gold label (otherwise 409 `segmentation-needs-confirmation` says what would change). Analysts are never asked.",
});

const segmentationDescription =
  "Owners and reviewers may change a document's segmentation; analysts only when the project allows it (`analystsMaySegment`), else 403. Every annotation and gold label the change touches is recorded in the history with who made it.";

const changeDescription =
  'Only what changed, never the whole document: the sentences created or changed, the ids of those removed, how the positions of the sentences after them shift, and your own annotations on the changed sentences.';

export const segmentationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/sentences/{id}/segmentation-impact',
      summary: 'What to ask before splitting a sentence or merging it with the next',
      description:
        "Owners and reviewers are told how many other people's labels, and whether the gold label, would change (null when none would); analysts always get the same question, which says nothing about colleagues' labels. 403 when the caller may not split or merge.",
      tags: ['segmentation'],
      request: { params: idParams, query: z.object({ action: z.enum(['split', 'merge']) }) },
      responses: {
        200: {
          description: 'The question to ask, or null',
          content: { 'application/json': { schema: z.object({ question: z.string().nullable() }) } },
        },
        ...problemResponses(403, 404, 422),
      },
    }),
    async (c) =>
      c.json(
        await segmentationImpact(c.var.services, {
          sentenceId: c.req.valid('param').id,
          action: c.req.valid('query').action,
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/sentences/{id}/split',
      summary: 'Split a sentence in two at a UTF-16 offset into the document',
      description: `Both halves keep every annotation of the sentence (and its gold label); cue spans go with the half they lie in. ${segmentationDescription}`,
      tags: ['segmentation'],
      request: {
        params: idParams,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.strictObject({ at: z.int().nonnegative(), confirm: confirmSchema }),
            },
          },
        },
      },
      responses: {
        200: {
          description: `What the split changed. ${changeDescription}`,
          content: { 'application/json': { schema: segmentationChangeSchema } },
        },
        ...problemResponses(400, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { at, confirm } = c.req.valid('json');
      return c.json(
        await splitSentence(c.var.services, { sentenceId: c.req.valid('param').id, at, confirm }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/sentences/{id}/merge-next',
      summary: 'Merge a sentence with the one after it',
      description: `A label both parts share is kept, cues and notes joined (a note longer than the note limit is shortened with a marker; the history keeps both in full); differing labels are cleared and \`notice\` says so when they were yours. ${segmentationDescription}`,
      tags: ['segmentation'],
      request: {
        params: idParams,
        body: {
          required: false,
          content: { 'application/json': { schema: z.strictObject({ confirm: confirmSchema }) } },
        },
      },
      responses: {
        200: {
          description: `What the merge changed. ${changeDescription}`,
          content: { 'application/json': { schema: segmentationChangeSchema } },
        },
        ...problemResponses(400, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      return c.json(
        await mergeWithNext(c.var.services, {
          sentenceId: c.req.valid('param').id,
          confirm: c.req.valid('json').confirm,
        }),
        200,
      );
    },
  );
