export { type AppDependencies, type AppType, createApp } from './app.ts';
export { readEnvironment } from './env.ts';
export { ProblemError } from './errors.ts';
export { startServer } from './server.ts';
export { clearAnnotation, saveAnnotation } from './services/annotations.ts';
export {
  archiveDocument,
  archiveProject,
  documentDeletionPreview,
  projectDeletionPreview,
  removeDocument,
  removeProject,
} from './services/archive.ts';
export { type BackgroundWork, startBackgroundWork } from './services/background-work.ts';
export { ClaimLinker } from './services/claim-linker.ts';
export { linkDocumentIntoClaims, relinkProject } from './services/claim-linking.ts';
export { relinkProjectClaims } from './services/claims.ts';
export { operatorContext, type ServiceContext } from './services/context.ts';
export { type DatasetFormat, datasetFormats, openDatasetExport } from './services/dataset-export.ts';
export { getDocumentDetail, listDocumentPage } from './services/documents.ts';
export { datasetRequestOf, type ExportQuery, exportQuery, openExport } from './services/export-request.ts';
export { type ExportRow, exportRows } from './services/export-rows.ts';
export {
  type ImportFile,
  type ImportReport,
  importDataset,
  importFileKind,
} from './services/import-dataset.ts';
export { importDocument } from './services/import-document.ts';
export { getProject, listProjectSummaries } from './services/projects.ts';
export { seedFirstStart } from './services/seed.ts';
export { mergeWithNext, splitSentence } from './services/segmentation.ts';
export { SuggestionFiller } from './services/suggestion-filler.ts';
export { startServers, workersProblem } from './workers.ts';
