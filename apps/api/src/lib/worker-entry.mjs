// Starts a worker thread on a TypeScript module: registers tsx in this thread first, since a
// worker does not inherit the loader of a process started without it (a test runner).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
