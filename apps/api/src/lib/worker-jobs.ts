// A long-lived worker thread that runs one kind of job for this process (today claim placement),
// so its CPU never holds up the server's event loop. Started
// on first use, referenced only while it has jobs so an idle one never keeps a process alive,
// started again after it fails, and ended by `close()`. The job module answers with `answerJobs`.
import { parentPort, Worker } from 'node:worker_threads';

interface JobMessage<Job> {
  id: number;
  job: Job;
}

type AnswerMessage<Result> = { id: number; result: Result } | { id: number; error: string };

interface Pending<Result> {
  /** The worker running the job: a failed worker's late exit must not fail its successor's jobs. */
  worker: Worker;
  resolve(result: Result): void;
  reject(error: Error): void;
}

export class WorkerJobs<Job, Result> {
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, Pending<Result>>();
  readonly #entry: URL;
  readonly #name: string;

  /**
   * @param entry the TypeScript job module the worker runs; it calls `answerJobs`.
   * @param name what the worker does, for the error when it stops, e.g. "claim placement".
   */
  constructor(entry: URL, name: string) {
    this.#entry = entry;
    this.#name = name;
  }

  /** Runs the job in the worker; rejects with the job's error, or when the worker stops. */
  run(job: Job): Promise<Result> {
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      const worker = this.#started();
      this.#pending.set(id, { worker, resolve, reject });
      // Referenced while it works, so a process waiting for the answer is not ended under it.
      worker.ref();
      try {
        worker.postMessage({ id, job } satisfies JobMessage<Job>);
      } catch (error) {
        // A job that cannot be cloned never reached the worker: nothing will answer it.
        this.#settled(id, worker);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Stops the worker; jobs still running reject. The next `run` would start another. */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#failJobsOf(worker, new Error(`The ${this.#name} worker was closed before the job finished.`));
    await worker.terminate();
  }

  /** Rejects the jobs `worker` had; the next `run` starts another. */
  #failJobsOf(worker: Worker, error: Error): void {
    if (this.#worker === worker) this.#worker = undefined;
    for (const [id, pending] of this.#pending)
      if (pending.worker === worker) {
        this.#pending.delete(id);
        pending.reject(error);
      }
  }

  #settled(id: number, worker: Worker): Pending<Result> | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (![...this.#pending.values()].some((other) => other.worker === worker)) worker.unref();
    return pending;
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
      workerData: { entry: this.#entry.href },
    });
    worker.unref();
    worker.on('message', (answer: AnswerMessage<Result>) => {
      const pending = this.#settled(answer.id, worker);
      if ('error' in answer) pending?.reject(new Error(answer.error));
      else pending?.resolve(answer.result);
    });
    worker.on('error', (error) => this.#failJobsOf(worker, error));
    worker.on('exit', (code) =>
      this.#failJobsOf(worker, new Error(`The ${this.#name} worker stopped with exit code ${code}.`)),
    );
    this.#worker = worker;
    return worker;
  }
}

/**
 * The worker's side: answers each job with `work`'s result, or with its error's message, which
 * `run` rejects with. Call it once, at the top of the job module.
 */
export function answerJobs<Job, Result>(work: (job: Job) => Result): void {
  parentPort?.on('message', ({ id, job }: JobMessage<Job>) => {
    let answer: AnswerMessage<Result>;
    try {
      answer = { id, result: work(job) };
    } catch (error) {
      answer = { id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort?.postMessage(answer);
  });
}
