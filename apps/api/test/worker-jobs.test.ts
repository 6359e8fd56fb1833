// The long-lived worker behind claim placement and import preparation: answers, errors, a worker
// that dies and the one started after it, and close().
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerJobs } from '../src/lib/worker-jobs.ts';

describe('WorkerJobs', () => {
  let jobs: WorkerJobs<string, string>;
  afterEach(async () => {
    await jobs.close();
  });
  const echoJobs = () =>
    new WorkerJobs<string, string>(new URL('./workers/echo-job.ts', import.meta.url), 'echo');

  it('answers jobs in the worker, several at once, each with its own result', async () => {
    jobs = echoJobs();
    await expect(Promise.all(['one', 'two', 'three'].map((job) => jobs.run(job)))).resolves.toEqual([
      'one done',
      'two done',
      'three done',
    ]);
  });

  it('rejects a job with the error it threw, and the worker goes on answering', async () => {
    jobs = echoJobs();
    const [refused, next] = await Promise.allSettled([jobs.run('throw'), jobs.run('after')]);
    expect(refused).toMatchObject({ status: 'rejected', reason: { message: 'The job refused "throw".' } });
    expect(next).toEqual({ status: 'fulfilled', value: 'after done' });
  });

  it('rejects the jobs of a worker that died, saying so, and starts a new worker for the next', async () => {
    jobs = echoJobs();
    await expect(jobs.run('warm-up')).resolves.toBe('warm-up done');
    const results = await Promise.allSettled([jobs.run('exit'), jobs.run('queued behind the exit')]);
    for (const result of results)
      expect(result).toMatchObject({
        status: 'rejected',
        reason: { message: 'The echo worker stopped with exit code 3.' },
      });
    await expect(jobs.run('again')).resolves.toBe('again done');
  });

  it('rejects a job that cannot be sent at once, without holding the worker', async () => {
    jobs = echoJobs();
    await expect(jobs.run((() => 'a function') as unknown as string)).rejects.toThrow(/could not be cloned/);
    await expect(jobs.run('next')).resolves.toBe('next done');
  });

  it('rejects the jobs still running when it is closed', async () => {
    jobs = echoJobs();
    const running = expect(jobs.run('slow to start')).rejects.toThrow(
      'The echo worker was closed before the job finished.',
    );
    await jobs.close();
    await running;
  });
});
