// The path parameters of every route, in one place: route modules import them from here,
// never from each other.
import { slugSchema } from '@attest/core';
import { z } from '@hono/zod-openapi';

/** `{id}`: a document, sentence, claim link or token id. */
export const idParams = z.object({
  id: z.guid('Not a valid identifier.').openapi({ param: { name: 'id', in: 'path' } }),
});

/** `{slug}`: a project. */
export const slugParams = z.object({
  // A clone: @attest/core's schemas are built before @hono/zod-openapi adds `.openapi()` to new ones.
  slug: slugSchema.clone().openapi({ param: { name: 'slug', in: 'path' }, example: 'demo' }),
});

/** `{slug}/…/{claimId}`: a claim of a project. */
export const claimParams = slugParams.extend({
  claimId: z.guid('Not a valid claim identifier.').openapi({ param: { name: 'claimId', in: 'path' } }),
});

/** `{slug}/…/{userId}`: a member of a project. */
export const memberParams = slugParams.extend({
  userId: z.guid('Not a valid identifier.').openapi({ param: { name: 'userId', in: 'path' } }),
});

/** `{token}`: an invitation's secret. */
export const inviteParams = z.object({
  token: z
    .string()
    .min(16)
    .max(128)
    .openapi({ param: { name: 'token', in: 'path' } }),
});
