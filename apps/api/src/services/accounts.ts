// The first account, teammates, and who the caller is.

import {
  adoptLocalAnalystWork,
  claimInvite,
  completeInvite,
  countAccounts,
  type Database,
  deleteUser,
  fillAssignments,
  findOpenInvite,
  findUser,
  findUserByEmail,
  insertInvite,
  listMemberships,
  listProjects,
  type ProjectRole,
  releaseInvite,
  upsertMember,
} from '@attest/db';
import { createHash } from '@better-auth/utils/hash';
import { generateRandomString } from 'better-auth/crypto';
import type { Auth } from '../auth/create-auth.ts';
import { NotFoundError, ProblemError } from '../errors.ts';
import { ownersOnly, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';
import { setMemberRole } from './members.ts';

export interface NewAccount {
  name: string;
  email: string;
  password: string;
}

/** Has nobody created an account yet? Then the first-run page is open. */
export async function needsSetup(db: Database): Promise<boolean> {
  return (await countAccounts(db)) === 0;
}

/**
 * Creates the first account, who becomes owner of every project that exists (the demo) and
 * inherits the work of the local analyst of versions before accounts. Returns the
 * library's response headers, which sign the new owner in.
 */
export async function createFirstAccount(auth: Auth, db: Database, input: NewAccount): Promise<Headers> {
  if (!(await needsSetup(db))) throw setupClosed();
  const { headers, response } = await signUp(auth, input, true);
  const userId = response.user.id;
  // Two first-run submissions can race; the later one gives its account back.
  if ((await countAccounts(db)) > 1) {
    await deleteUser(db, { userId });
    throw setupClosed();
  }
  await db.transaction(async (transaction) => {
    for (const project of await listProjects(transaction))
      await upsertMember(transaction, { projectId: project.id, userId, role: 'owner' });
    await adoptLocalAnalystWork(transaction, { userId });
  });
  return headers;
}

function setupClosed(): ProblemError {
  return new ProblemError(
    409,
    'setup-done',
    'Attest is set up already',
    'An owner account exists. Sign in, or ask a project owner for an invitation.',
  );
}

async function signUp(auth: Auth, input: NewAccount, signIn: boolean) {
  try {
    const { headers, response } = await auth.api.signUpEmail({
      body: { name: input.name.trim(), email: input.email.trim().toLowerCase(), password: input.password },
      returnHeaders: true,
    });
    if (!signIn) headers.delete('set-cookie');
    return { headers, response };
  } catch (error) {
    throw accountProblem(error);
  }
}

/** better-auth's refusals (weak password, taken e-mail) as problems the user can act on. */
function accountProblem(error: unknown): ProblemError {
  const message = (error as { body?: { message?: string }; message?: string }).body?.message ?? String(error);
  if (/exist/i.test(message)) {
    return new ProblemError(
      409,
      'email-taken',
      'That e-mail has an account',
      `${message}. Sign in with it instead.`,
    );
  }
  return new ProblemError(422, 'invalid-account', 'The account cannot be created', message);
}

export async function describeCaller(context: ServiceContext) {
  const user = await findUser(context.db, { userId: context.userId });
  if (!user) throw new NotFoundError('User');
  const memberships = await listMemberships(context.db, { userId: context.userId });
  return {
    user: { id: user.id, name: user.name, email: user.email },
    memberships: memberships
      .filter(
        (membership) => !context.tokenProjectIds || context.tokenProjectIds.includes(membership.projectId),
      )
      .map(({ projectSlug, role }) => ({ projectSlug, role })),
  };
}

/**
 * An owner creates a teammate's account with a password they pass on. Only a new account can
 * be made this way: a password set by one owner must never open another owner's project, so an
 * e-mail that already has an account (anywhere, this project included) gets the same refusal,
 * which names nobody and points to an invitation, where the person joins with their own account.
 */
export async function addMemberWithPassword(
  auth: Auth,
  context: ServiceContext,
  projectSlug: string,
  input: NewAccount & { role: ProjectRole },
): Promise<void> {
  const { project } = await requireProject(context, projectSlug, ownersOnly, 'add members');
  const email = input.email.trim().toLowerCase();
  const existing = await findUserByEmail(context.db, { email });
  if (existing) {
    // Hash the password anyway, so the refusal takes as long as creating an account would.
    await (await auth.$context).password.hash(input.password);
    throw useInviteInstead();
  }
  const created = await signUp(auth, input, false).catch((error: unknown) => {
    // Created by someone else since the look-up above.
    throw error instanceof ProblemError && error.code === 'email-taken' ? useInviteInstead() : error;
  });
  await context.db.transaction(async (transaction) => {
    await setMemberRole(transaction, project.id, created.response.user.id, input.role);
    await fillAssignments(transaction, { projectId: project.id, perDocument: project.annotatorsPerDocument });
  });
}

function useInviteInstead(): ProblemError {
  return new ProblemError(
    409,
    'use-invite',
    'Invite this teammate with a link',
    'A password can be set here only for a new account, and this e-mail cannot get one. Create an invitation link for the role instead and send it to them: they join with their own account.',
  );
}

const inviteLifetimeDays = 7;

export async function createInvite(context: ServiceContext, projectSlug: string, role: ProjectRole) {
  const { project } = await requireProject(context, projectSlug, ownersOnly, 'invite members');
  const token = generateRandomString(32, 'a-z', 'A-Z', '0-9');
  const expiresAt = new Date(Date.now() + inviteLifetimeDays * 24 * 60 * 60 * 1000);
  await insertInvite(context.db, {
    projectId: project.id,
    role,
    tokenHash: await hashToken(token),
    createdBy: context.userId,
    expiresAt,
  });
  return { token, path: `/invite/${token}`, role, expiresAt: expiresAt.toISOString() };
}

export async function describeInvite(db: Database, token: string) {
  const invite = await findOpenInvite(db, { tokenHash: await hashToken(token) });
  if (!invite) throw inviteGone();
  return {
    projectSlug: invite.projectSlug,
    projectName: invite.projectName,
    role: invite.role,
    expiresAt: invite.expiresAt.toISOString(),
  };
}

/**
 * Accepts an invitation: a signed-in user joins the project; otherwise a new account is
 * created (and signed in) from `account`. Returns headers that carry the session cookie.
 */
export async function acceptInvite(
  auth: Auth,
  db: Database,
  token: string,
  caller: { userId: string } | null,
  account: NewAccount | undefined,
): Promise<{ projectSlug: string; headers: Headers }> {
  const invite = await findOpenInvite(db, { tokenHash: await hashToken(token) });
  if (!invite) throw inviteGone();
  // Claim the invite before creating anything: of concurrent acceptances one goes on, the
  // others get 410 and leave no account behind.
  if (!(await claimInvite(db, { inviteId: invite.id }))) throw inviteGone();
  try {
    const { userId: acceptedBy, headers } = caller
      ? { userId: caller.userId, headers: new Headers() }
      : await signUpInvitee(auth, account);
    await db.transaction(async (transaction) => {
      await setMemberRole(transaction, invite.projectId, acceptedBy, invite.role);
      await completeInvite(transaction, { inviteId: invite.id, userId: acceptedBy });
      const [project] = await listProjects(transaction, {
        memberId: acceptedBy,
        projectIds: [invite.projectId],
      });
      if (project)
        await fillAssignments(transaction, {
          projectId: project.id,
          perDocument: project.annotatorsPerDocument,
        });
    });
    return { projectSlug: invite.projectSlug, headers };
  } catch (error) {
    // Answer with what went wrong, even if the database cannot take the link back now.
    await releaseInvite(db, { inviteId: invite.id }).catch(() => undefined);
    throw error;
  }
}

async function signUpInvitee(auth: Auth, account: NewAccount | undefined) {
  if (!account) {
    throw new ProblemError(
      422,
      'invalid-input',
      'Name, e-mail and password needed',
      'Create your account: send name, email and password.',
    );
  }
  const { headers, response } = await signUp(auth, account, true);
  return { userId: response.user.id, headers };
}

function inviteGone(): ProblemError {
  return new ProblemError(
    410,
    'invite-gone',
    'This invitation cannot be used',
    'The link was used already or has expired. Ask the project owner for a new one.',
  );
}

async function hashToken(token: string): Promise<string> {
  return createHash('SHA-256', 'hex').digest(token);
}
