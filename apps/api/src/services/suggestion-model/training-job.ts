// Runs in a worker thread: turns gold documents into examples and trains the model, so the
// seconds of CPU this takes never hold up the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { type GoldDocument, trainingExamples, trainModel } from '@attest/core';

const { documents } = workerData as { documents: GoldDocument[] };
const started = performance.now();
const model = trainModel(documents.flatMap((document) => trainingExamples(document)));
parentPort?.postMessage({ model, milliseconds: Math.round(performance.now() - started) });
