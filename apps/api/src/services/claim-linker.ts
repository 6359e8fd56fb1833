// The background claim linker: links imported documents into their project's claims after the
// import has answered. Imports record their new documents as waiting (`claim_link_queue`, in
// the import's transaction); each API process runs one linker, woken after an import, at
// start-up and every `sweepMilliseconds`. Each document is linked in a transaction of its own
// that holds the project's advisory lock, writes the links and removes the document from the
// queue: a process that dies mid-document leaves it waiting, two processes never link one
// project at once, and a project's documents go in import order.
import {
  type Database,
  type Executor,
  findNextDocumentToLink,
  listProjectsWaitingForLinking,
  lockProjectLinking,
  noteLinkingFailure,
  postgresClientOf,
  removeFromLinkQueue,
} from '@attest/db';
import { BackgroundDrain, type DrainOptions, defaultSweepMilliseconds } from '../lib/background-drain.ts';
import { defaultLongestImportYieldMilliseconds, ImportActivity } from '../lib/import-activity.ts';
import { linkDocumentIntoClaims } from './claim-linking.ts';
import type { ClaimPlacer } from './claim-placement/place.ts';
import { WorkerPlacer } from './claim-placement/worker-placer.ts';
import { inLinkingTurn } from './linking-turns.ts';

/** What an import needs of the linker: a nudge once its documents are committed. */
export interface ClaimLinkerWaker {
  wake(): void;
  /**
   * Runs an import; meanwhile the linker starts no document (lib/import-activity.ts), so the
   * import has the CPU to itself and linking catches up once imports pause.
   */
  whileImporting<Result>(work: () => Promise<Result>): Promise<Result>;
}

export interface ClaimLinkerOptions {
  /** How often to look for waiting documents besides the wakes (default one minute). */
  sweepMilliseconds?: number;
  /** Where failures go; one line each (default console.warn). */
  warn?: (message: string) => void;
  /** Told of each document this linker linked, once its links are committed. */
  onLinked?: (documentId: string) => void;
  /** How long imports hold the linker back at most before it links a document anyway. */
  longestImportYieldMilliseconds?: number;
  /** This process's imports, shared with its other background work (one of its own by default). */
  imports?: ImportActivity;
}

/** How soon to look again at a project another process was linking. */
const busyRetryMilliseconds = 1_000;

type LinkOutcome = 'linked' | 'empty' | 'busy' | 'failed';

export class ClaimLinker implements ClaimLinkerWaker {
  readonly #db: Database;
  readonly #warn: (message: string) => void;
  readonly #onLinked: (documentId: string) => void;
  readonly #longestImportYieldMilliseconds: number;
  readonly #imports: ImportActivity;
  readonly #drains: BackgroundDrain;
  #retry: NodeJS.Timeout | undefined;
  /** The scorer's CPU runs in a worker thread: the server's requests never wait behind it. */
  readonly #placer = new WorkerPlacer();

  constructor(db: Database, options: ClaimLinkerOptions = {}) {
    this.#db = db;
    this.#warn = options.warn ?? ((message) => console.warn(message));
    this.#onLinked = options.onLinked ?? (() => {});
    this.#longestImportYieldMilliseconds =
      options.longestImportYieldMilliseconds ?? defaultLongestImportYieldMilliseconds;
    this.#imports = options.imports ?? new ImportActivity();
    this.#drains = new BackgroundDrain(
      (drainOptions) => this.#drain(drainOptions),
      options.sweepMilliseconds ?? defaultSweepMilliseconds,
    );
  }

  /** Sweeps now (documents left by a process that stopped) and then periodically. */
  start(): this {
    // The sweep also catches documents another process queued and could not link (it stopped,
    // or the project was busy here when it woke).
    this.#drains.start();
    return this;
  }

  whileImporting<Result>(work: () => Promise<Result>): Promise<Result> {
    return this.#imports.during(work);
  }

  /** Drains the queue soon; a wake during a drain makes it look again when it ends. */
  wake(): void {
    this.#drains.wake();
  }

  /**
   * Links every waiting document now, without waiting for imports to pause, and resolves when
   * none is left that this process may take.
   */
  drain(): Promise<void> {
    return this.#drains.drain();
  }

  /** Stops sweeping and waits for the document being linked; what still waits stays queued. */
  async stop(): Promise<void> {
    clearTimeout(this.#retry);
    await this.#drains.stop();
    await this.#placer.close();
  }

  #retrySoon(): void {
    if (this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.wake();
    }, busyRetryMilliseconds);
    this.#retry.unref();
  }

  async #drain({ yieldToImports }: DrainOptions): Promise<void> {
    const isStopped = () => this.#drains.isStopped;
    try {
      for (const projectId of await listProjectsWaitingForLinking(this.#db)) {
        let outcome: LinkOutcome = 'linked';
        while (outcome === 'linked' && !isStopped()) {
          if (yieldToImports) await this.#imports.paused(this.#longestImportYieldMilliseconds, isStopped);
          outcome = await linkNextWaitingDocument(this.#db, projectId, {
            warn: this.#warn,
            place: this.#placer.place,
            onLinked: this.#onLinked,
          });
        }
        // Another process holds the project; it may be finishing as our import's document
        // commits, so look again shortly rather than at the next sweep.
        if (outcome === 'busy') this.#retrySoon();
      }
    } catch (error) {
      // The database went away, or closed under a stopping process: the next sweep tries again.
      this.#warn(`Claim linking stopped for now: ${messageOf(error)}`);
    }
  }
}

/**
 * Links the project's oldest waiting document, unless another transaction holds the project
 * ('busy': that one drains it). A document that fails is counted and left for the next sweep;
 * after a few failures only a re-link takes it up.
 */
export async function linkNextWaitingDocument(
  db: Database,
  projectId: string,
  {
    warn,
    place,
    onLinked,
  }: { warn: (message: string) => void; place: ClaimPlacer; onLinked: (documentId: string) => void },
): Promise<LinkOutcome> {
  let documentId: string | undefined;
  try {
    const outcome = postgresClientOf(db)
      ? await db.transaction(async (transaction: Executor): Promise<LinkOutcome> => {
          if (!(await lockProjectLinking(transaction, { projectId, wait: false }))) return 'busy';
          documentId = await findNextDocumentToLink(transaction, { projectId });
          if (!documentId) return 'empty';
          await linkDocumentIntoClaims(transaction, projectId, documentId, place);
          await removeFromLinkQueue(transaction, { projectId, documentIds: [documentId] });
          return 'linked';
        })
      : // The embedded database is one connection in one process: no other process to keep out,
        // and a transaction around the scoring would hold every request for its seconds of CPU.
        // Only the writes take a transaction.
        ((await inLinkingTurn(projectId, false, () =>
          linkOnOneConnection(db, projectId, place, (id) => {
            documentId = id;
          }),
        )) ?? 'busy');
    if (outcome === 'linked' && documentId) onLinked(documentId);
    return outcome;
  } catch (error) {
    if (documentId === undefined) throw error;
    await noteLinkingFailure(db, { projectId, documentId });
    warn(
      `Linking document ${documentId} into the claims of project ${projectId} failed: ${messageOf(error)}`,
    );
    return 'failed';
  }
}

async function linkOnOneConnection(
  db: Database,
  projectId: string,
  place: ClaimPlacer,
  noteDocument: (documentId: string) => void,
): Promise<LinkOutcome> {
  const documentId = await findNextDocumentToLink(db, { projectId });
  if (!documentId) return 'empty';
  noteDocument(documentId);
  await linkDocumentIntoClaims(db, projectId, documentId, place, (write) => db.transaction(write));
  // Should the process stop just before this, the document is linked again: its linked sentences
  // stay as they are and the others are placed again.
  await removeFromLinkQueue(db, { projectId, documentIds: [documentId] });
  return 'linked';
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
