// Shapes of the account, member, invitation and token requests and responses.
import { z } from 'zod';
import { projectRoleSchema } from './api-types.ts';
import { slugSchema } from './schemas.ts';

export const newAccountSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  email: z.email('Enter an e-mail address, like name@example.org.').max(254),
  password: z.string().min(10, 'Use at least 10 characters.').max(128),
});
export type NewAccount = z.input<typeof newAccountSchema>;

export const userSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type User = z.infer<typeof userSchema>;

/** GET /api/me: who is signed in and their role in each project. */
export const callerSchema = z.object({
  user: userSchema,
  memberships: z.array(z.object({ projectSlug: z.string(), role: projectRoleSchema })),
});
export type Me = z.infer<typeof callerSchema>;

/** GET /api/session: whether Attest is set up and who is signed in (null: nobody). */
export const sessionSchema = z.object({ needsSetup: z.boolean(), me: callerSchema.nullable() });
export type Session = z.infer<typeof sessionSchema>;

export const memberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: projectRoleSchema,
  joinedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberListSchema = z.object({ items: z.array(memberSchema) });

/** What an invitation is for, as the page that accepts it shows. */
export const inviteDetailsSchema = z.object({
  projectSlug: z.string(),
  projectName: z.string(),
  role: projectRoleSchema,
  expiresAt: z.string(),
});
export type InviteDetails = z.infer<typeof inviteDetailsSchema>;

/** A one-time invitation link; its token is shown only when it is created. */
export const createdInviteSchema = z.object({
  token: z.string(),
  /** The path of the page that accepts it, e.g. "/invite/abc…". */
  path: z.string(),
  role: projectRoleSchema,
  expiresAt: z.string(),
});
export type CreatedInvite = z.infer<typeof createdInviteSchema>;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the token, to tell tokens apart. */
  start: z.string().nullable(),
  projects: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** A new token: the secret is returned only once. */
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export const tokenInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  projects: z.array(slugSchema).min(1).max(50),
  expiresInDays: z.int().min(1).max(366).optional(),
});
export type TokenInput = z.input<typeof tokenInputSchema>;
