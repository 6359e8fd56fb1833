export * from './client.ts';
export { DataDirInUseError } from './data-dir-lock.ts';
export * from './queries/index.ts';
export * from './schema/index.ts';
