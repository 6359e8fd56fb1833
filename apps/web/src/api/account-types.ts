// Shapes of the account, member, invitation, token and review responses (apps/api/src/routes),
// which @attest/core does not export.
import type { Annotation, ProjectRole } from '@attest/core';

export interface User {
  id: string;
  name: string;
  email: string;
}

/** GET /api/me: who is signed in and their role in each project. */
export interface Me {
  user: User;
  memberships: { projectSlug: string; role: ProjectRole }[];
}

export interface NewAccount {
  name: string;
  email: string;
  password: string;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: ProjectRole;
  joinedAt: string;
}

/** A one-time invitation link; its token is shown only when it is created. */
export interface CreatedInvite {
  token: string;
  /** The path of the page that accepts it, e.g. "/invite/abc…". */
  path: string;
  role: ProjectRole;
  expiresAt: string;
}

export interface InviteDetails {
  projectSlug: string;
  projectName: string;
  role: ProjectRole;
  expiresAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  /** The first characters of the token, to tell tokens apart. */
  start: string | null;
  projects: string[];
  createdAt: string;
  expiresAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  /** The secret, returned only once. */
  token: string;
}

export interface LabelInput {
  key: string;
  name: string;
  color: string;
  hotkey: string | null;
  description: string;
}

export interface ProjectChanges {
  name?: string;
  guidelines?: string;
  annotatorsPerDocument?: number;
  /** Whether analysts may split and merge sentences (owners and reviewers always may). */
  analystsMaySegment?: boolean;
}

export interface ReviewAnnotation extends Annotation {
  annotatorId: string;
  annotatorName: string;
}

/** GET /api/documents/{id}/review: every analyst's annotations on a document. */
export interface DocumentReview {
  assigneeIds: string[];
  annotations: ReviewAnnotation[];
}
