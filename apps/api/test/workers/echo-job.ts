// A worker job for worker-jobs.test.ts: answers a job with its text, refuses "throw" with an
// error, and ends its thread on "exit", as a worker that runs out of memory would.
import { answerJobs } from '../../src/lib/worker-jobs.ts';

answerJobs((job: string) => {
  if (job === 'throw') throw new Error('The job refused "throw".');
  if (job === 'exit') process.exit(3);
  return `${job} done`;
});
