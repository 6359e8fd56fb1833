export * from './adjudications.ts';
export * from './annotations.ts';
export * from './audit.ts';
export * from './claims.ts';
export * from './documents.ts';
export * from './members.ts';
export * from './projects.ts';
export * from './users.ts';
