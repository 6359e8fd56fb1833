export * from './adjudications.ts';
export * from './annotations.ts';
export * from './documents.ts';
export * from './members.ts';
export * from './projects.ts';
export * from './reports.ts';
export * from './segmentation.ts';
export * from './users.ts';
