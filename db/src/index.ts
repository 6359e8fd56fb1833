export * from './client.ts';
export { DataDirInUseError } from './data-dir-lock.ts';
export {
  type BackendKey,
  backendKeyOf,
  postgresClientOf,
  type ServerAddress,
  serverAddressOf,
} from './driver.ts';
export * from './queries/index.ts';
export * from './schema/index.ts';
export { openReadSnapshot, type ReadSnapshot } from './snapshot.ts';
// SQL plumbing the bench and the export share: COPY streams and raw rows.
export { copyConnectionOf, copyLines, copyTextLine } from './sql/copy-rows.ts';
export { errorCodesOf, sqlState } from './sql/error-codes.ts';
export { rowsOf } from './sql/rows.ts';
export { isUuid } from './sql/uuid-array.ts';
