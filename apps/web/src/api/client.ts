// The editor's HTTP client: typed calls to the Attest API and problem+json errors as ApiError.
// Every request and response type comes from the zod schemas in @attest/core, the ones the
// API's routes declare and validate with: the contract is written once (docs/architecture.md).
import type {
  Adjudication,
  AdjudicationInput,
  Annotation,
  AnnotationInput,
  ApiToken,
  AuditEntry,
  Claim,
  ClaimLinking,
  ClaimList,
  CreatedApiToken,
  CreatedInvite,
  DeletionCounts,
  DocumentDetail,
  DocumentImport,
  DocumentPage,
  DocumentQueue,
  DocumentReport,
  DocumentReview,
  ImportResult,
  InviteDetails,
  LabelInput,
  Me,
  Member,
  NewAccount,
  NewProject,
  Problem,
  Project,
  ProjectChanges,
  ProjectReport,
  ProjectRole,
  ProjectSummary,
  SegmentationChange,
  SentenceHistoryEntry,
  SentencePage,
  Session,
  SuggestionModelStatus,
  TokenInput,
} from '@attest/core';
import { jsonAccept, takeEarlyResponse } from './early-responses.ts';

/** A failed request: the server's problem details, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;
  /** How long the server asked clients to wait (Retry-After on a 503 or 429), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(status: number, detail: string, problem?: Problem, retryAfterMs?: number) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterMs = retryAfterMs;
  }

  /** Worth retrying unchanged: the network dropped, the server was busy or failed. */
  get isTransient(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export interface WriteOptions {
  /** The annotation version the client last saw; 0 when there was none. */
  expectedVersion: number;
  /** One id per edit, reused by retries, so the server applies the edit once. */
  idempotencyKey: string;
  signal?: AbortSignal;
}

/** A document (by id) or project (by slug) that owners archive, restore or delete. */
export type ArchiveTarget = { kind: 'document'; id: string } | { kind: 'project'; slug: string };

function archivePath(target: ArchiveTarget): string {
  return target.kind === 'document'
    ? `/api/documents/${encodeURIComponent(target.id)}`
    : `/api/projects/${encodeURIComponent(target.slug)}`;
}

export class ApiClient {
  readonly baseUrl: string;
  /** Called when the API answers 401 outside sign-in: the session ended or never existed. */
  onUnauthenticated: (() => void) | undefined;

  constructor(baseUrl = '') {
    this.baseUrl = baseUrl;
  }

  listProjects(signal?: AbortSignal): Promise<{ items: ProjectSummary[] }> {
    return this.request('/api/projects', { signal });
  }

  getProject(slug: string, signal?: AbortSignal): Promise<Project> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}`, { signal });
  }

  /** A page of documents; with `archived`, the archived ones instead (owners). */
  listDocuments(
    slug: string,
    cursor?: string | null,
    signal?: AbortSignal,
    options: { archived?: boolean } = {},
  ): Promise<DocumentPage> {
    const query = new URLSearchParams({ limit: '50' });
    if (cursor) query.set('cursor', cursor);
    if (options.archived) query.set('archived', 'true');
    return this.request(`/api/projects/${encodeURIComponent(slug)}/documents?${query}`, { signal });
  }

  /** The caller's archived projects. */
  listArchivedProjects(signal?: AbortSignal): Promise<{ items: ProjectSummary[] }> {
    return this.request('/api/projects?archived=true', { signal });
  }

  /** Archives (or with `archived` false, restores) a document or project: owners. */
  setArchived(target: ArchiveTarget, archived: boolean): Promise<{ archivedAt: string | null }> {
    return this.request(`${archivePath(target)}/${archived ? 'archive' : 'restore'}`, { method: 'POST' });
  }

  /** What deleting a document or project would remove, for the confirmation. */
  deletionPreview(target: ArchiveTarget, signal?: AbortSignal): Promise<DeletionCounts> {
    return this.request(`${archivePath(target)}/deletion`, { signal });
  }

  /** Who archived, restored or deleted what in a project, newest first. */
  getAuditLog(slug: string, signal?: AbortSignal): Promise<{ items: AuditEntry[] }> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}/audit`, { signal });
  }

  /** Deletes a document or project for good; answers with what went. */
  deleteForGood(target: ArchiveTarget): Promise<DeletionCounts> {
    return this.request(archivePath(target), { method: 'DELETE' });
  }

  importText(slug: string, input: DocumentImport): Promise<ImportResult> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
  }

  importFile(slug: string, file: File, title?: string): Promise<ImportResult> {
    const form = new FormData();
    form.set('file', file);
    if (title) form.set('title', title);
    return this.request(`/api/projects/${encodeURIComponent(slug)}/documents`, {
      method: 'POST',
      body: form,
    });
  }

  /**
   * A document; with `sentenceLimit`, only its first sentences (the rest from getSentencePage);
   * with `withBody: false`, without its text (each sentence carries its own).
   */
  getDocument(id: string, signal?: AbortSignal, parts: DocumentParts = {}): Promise<DocumentDetail> {
    return this.request(documentPath(id, parts), { signal });
  }

  /** `limit` of a document's sentences from the `offset`-th on. */
  getSentencePage(id: string, offset: number, limit: number, signal?: AbortSignal): Promise<SentencePage> {
    const query = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    return this.request(`/api/documents/${encodeURIComponent(id)}/sentences?${query}`, { signal });
  }

  saveAnnotation(sentenceId: string, input: AnnotationInput, options: WriteOptions): Promise<Annotation> {
    return this.request(`/api/sentences/${encodeURIComponent(sentenceId)}/annotation`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...writeHeaders(options) },
      body: JSON.stringify(input),
      signal: options.signal,
    });
  }

  async clearAnnotation(sentenceId: string, options: WriteOptions): Promise<void> {
    await this.request(`/api/sentences/${encodeURIComponent(sentenceId)}/annotation`, {
      method: 'DELETE',
      headers: writeHeaders(options),
      signal: options.signal,
    });
  }

  /** A sentence's label changes, oldest first (analysts get only their own). */
  getSentenceHistory(sentenceId: string, signal?: AbortSignal): Promise<{ items: SentenceHistoryEntry[] }> {
    return this.request(`/api/sentences/${encodeURIComponent(sentenceId)}/history`, { signal });
  }

  /**
   * Splits a sentence at `at`, a UTF-16 offset into the document body inside the sentence.
   * `confirm`: an owner's or reviewer's yes to changing other people's labels (otherwise a 409
   * `segmentation-needs-confirmation` says what would change).
   */
  splitSentence(sentenceId: string, at: number, confirm = false): Promise<SegmentationChange> {
    return this.request(`/api/sentences/${encodeURIComponent(sentenceId)}/split`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at, confirm }),
    });
  }

  /** What to ask before a split or merge; null when it changes nothing but the caller's labels. */
  getSegmentationImpact(sentenceId: string, action: 'split' | 'merge'): Promise<{ question: string | null }> {
    return this.request(
      `/api/sentences/${encodeURIComponent(sentenceId)}/segmentation-impact?action=${action}`,
      {},
    );
  }

  /** Merges a sentence with the next; `notice` says when differing labels were cleared. */
  mergeWithNext(sentenceId: string, confirm = false): Promise<SegmentationChange> {
    return this.request(`/api/sentences/${encodeURIComponent(sentenceId)}/merge-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ confirm }),
    });
  }

  // Accounts: first run, sign-in, the caller.

  /** Whether Attest is set up and who is signed in (null: nobody), in one answer that is never a 401. */
  getSession(signal?: AbortSignal): Promise<Session> {
    return this.request('/api/session', { signal });
  }

  async setup(account: NewAccount): Promise<void> {
    await this.request('/api/setup', jsonBody('POST', account));
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.request('/api/auth/sign-in/email', jsonBody('POST', { email, password }));
  }

  async signOut(): Promise<void> {
    await this.request('/api/auth/sign-out', jsonBody('POST', {}));
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.request(
      '/api/auth/change-password',
      jsonBody('POST', { currentPassword, newPassword, revokeOtherSessions: true }),
    );
  }

  getMe(signal?: AbortSignal): Promise<Me> {
    return this.request('/api/me', { signal });
  }

  // Projects and their settings.

  createProject(input: NewProject): Promise<Project> {
    return this.request('/api/projects', jsonBody('POST', input));
  }

  updateProject(slug: string, changes: ProjectChanges): Promise<Project> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}`, jsonBody('PATCH', changes));
  }

  setLabels(slug: string, labels: LabelInput[]): Promise<Project> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}/labels`, jsonBody('PUT', { labels }));
  }

  listMembers(slug: string, signal?: AbortSignal): Promise<{ items: Member[] }> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}/members`, { signal });
  }

  addMember(slug: string, member: NewAccount & { role: ProjectRole }): Promise<{ items: Member[] }> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}/members`, jsonBody('POST', member));
  }

  async changeMemberRole(slug: string, userId: string, role: ProjectRole): Promise<void> {
    await this.request(
      `/api/projects/${encodeURIComponent(slug)}/members/${encodeURIComponent(userId)}`,
      jsonBody('PATCH', { role }),
    );
  }

  async removeMember(slug: string, userId: string): Promise<void> {
    await this.request(`/api/projects/${encodeURIComponent(slug)}/members/${encodeURIComponent(userId)}`, {
      method: 'DELETE',
    });
  }

  createInvite(slug: string, role: ProjectRole): Promise<CreatedInvite> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}/invites`, jsonBody('POST', { role }));
  }

  getInvite(token: string, signal?: AbortSignal): Promise<InviteDetails> {
    return this.request(`/api/invites/${encodeURIComponent(token)}`, { signal });
  }

  /** Joins with a new account, or as the signed-in user when `account` is left out. */
  acceptInvite(token: string, account?: NewAccount): Promise<{ projectSlug: string }> {
    return this.request(`/api/invites/${encodeURIComponent(token)}/accept`, jsonBody('POST', account ?? {}));
  }

  // Work queue and review.

  nextDocument(slug: string): Promise<{ documentId: string | null }> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}/next-document`, {});
  }

  /** Where a reviewer has work next: the first document with a disputed sentence, other than `except`. */
  nextDisputedDocument(slug: string, except: string): Promise<{ documentId: string | null }> {
    const query = new URLSearchParams({ except });
    return this.request(`/api/projects/${encodeURIComponent(slug)}/next-disputed-document?${query}`, {});
  }

  /** The caller's active queue: their unfinished documents in the order Next document takes them. */
  getDocumentQueue(slug: string, signal?: AbortSignal): Promise<DocumentQueue> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}/queue`, { signal });
  }

  /** Every analyst's annotations, and the adjudications (gold labels settled by reviewers) with who decided. */
  getReviewWithAdjudications(id: string, signal?: AbortSignal): Promise<DocumentReview> {
    return this.request(`/api/documents/${encodeURIComponent(id)}/review`, { signal });
  }

  /** Settles a sentence's gold label; a stale `expectedVersion` fails with 412 and the current one. */
  adjudicate(sentenceId: string, input: AdjudicationInput, options: WriteOptions): Promise<Adjudication> {
    return this.request(`/api/sentences/${encodeURIComponent(sentenceId)}/adjudication`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...writeHeaders(options) },
      body: JSON.stringify(input),
      signal: options.signal,
    });
  }

  async clearAdjudication(sentenceId: string, options: WriteOptions): Promise<void> {
    await this.request(`/api/sentences/${encodeURIComponent(sentenceId)}/adjudication`, {
      method: 'DELETE',
      headers: writeHeaders(options),
      signal: options.signal,
    });
  }

  getDocumentReport(id: string, signal?: AbortSignal): Promise<DocumentReport> {
    return this.request(`/api/documents/${encodeURIComponent(id)}/report`, { signal });
  }

  // Claims across documents.

  getDocumentClaims(documentId: string, signal?: AbortSignal): Promise<ClaimList> {
    return this.request(`/api/documents/${encodeURIComponent(documentId)}/claims`, { signal });
  }

  getProjectClaims(slug: string, signal?: AbortSignal): Promise<ClaimList> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}/claims`, { signal });
  }

  /** How many of the project's documents wait for the background claim linker. */
  getClaimLinking(slug: string, signal?: AbortSignal): Promise<ClaimLinking> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}/claim-linking`, { signal });
  }

  /** The project's learned suggestion model and the accepted suggestions per decider. */
  getSuggestionModel(slug: string, signal?: AbortSignal): Promise<SuggestionModelStatus> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}/suggestion-model`, { signal });
  }

  getProjectClaim(slug: string, claimId: string, signal?: AbortSignal): Promise<Claim> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}/claims/${encodeURIComponent(claimId)}`, {
      signal,
    });
  }

  /** Confirms a suggested claim link, or rejects it (removed, and never suggested again). */
  async decideClaimLink(linkId: string, decision: 'confirm' | 'reject'): Promise<void> {
    await this.request(
      `/api/claim-links/${encodeURIComponent(linkId)}/decision`,
      jsonBody('POST', { decision }),
    );
  }

  getProjectReport(slug: string, signal?: AbortSignal): Promise<ProjectReport> {
    return this.request(`/api/projects/${encodeURIComponent(slug)}/report`, { signal });
  }

  // API tokens.

  listTokens(signal?: AbortSignal): Promise<{ items: ApiToken[] }> {
    return this.request('/api/tokens', { signal });
  }

  createToken(input: TokenInput): Promise<CreatedApiToken> {
    return this.request('/api/tokens', jsonBody('POST', input));
  }

  async revokeToken(id: string): Promise<void> {
    await this.request(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  private async request<T>(
    path: string,
    init: RequestInit & { signal?: AbortSignal | undefined },
  ): Promise<T> {
    let response: Response;
    try {
      response =
        (await this.earlyResponse(path, init)) ??
        (await fetch(this.baseUrl + path, {
          ...init,
          signal: init.signal ?? null,
          headers: { accept: jsonAccept, ...init.headers },
        }));
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'The server could not be reached. Check your connection.');
    }
    if (response.status === 401 && !path.startsWith('/api/auth/')) this.onUnauthenticated?.();
    if (response.status === 204) return undefined as T;
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw toApiError(response, body);
    return body as T;
  }

  /**
   * The answer to a plain GET asked for before the app ran (first-screen-requests.ts), when
   * there is one and it succeeded; a failed one is asked again, so errors read as usual.
   */
  private async earlyResponse(path: string, init: RequestInit): Promise<Response | undefined> {
    if (init.method !== undefined || init.body !== undefined) return undefined;
    const early = takeEarlyResponse(this.baseUrl + path);
    if (!early) return undefined;
    const response = await early.catch(() => undefined);
    init.signal?.throwIfAborted();
    return response?.ok ? response : undefined;
  }
}

export interface DocumentParts {
  /** Only the first this many sentences (the rest from getSentencePage). */
  sentenceLimit?: number;
  /** false: without the document's text (each sentence carries its own). */
  withBody?: boolean;
}

/** The address of a document, or of the parts of it asked for. */
export function documentPath(id: string, parts: DocumentParts = {}): string {
  const query = new URLSearchParams();
  if (parts.sentenceLimit !== undefined) query.set('sentenceLimit', String(parts.sentenceLimit));
  if (parts.withBody === false) query.set('withBody', 'false');
  const search = query.size > 0 ? `?${query}` : '';
  return `/api/documents/${encodeURIComponent(id)}${search}`;
}

function jsonBody(method: string, body: unknown): RequestInit & { signal?: undefined } {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function writeHeaders(options: WriteOptions): Record<string, string> {
  return { 'if-match': `"${options.expectedVersion}"`, 'idempotency-key': options.idempotencyKey };
}

/** The ApiError of a failed response, from its problem+json body when it has one. */
export function toApiError(response: Response, body: unknown): ApiError {
  const retryAfterSeconds = Number(response.headers.get('retry-after'));
  const retryAfterMs =
    Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : undefined;
  if (isProblem(body)) return new ApiError(response.status, body.detail || body.title, body, retryAfterMs);
  return new ApiError(
    response.status,
    `The server answered ${response.status} ${response.statusText}.`,
    undefined,
    retryAfterMs,
  );
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'title' in body;
}
