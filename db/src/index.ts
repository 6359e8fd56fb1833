export * from './client.ts';
export * from './queries/index.ts';
export * from './schema/index.ts';
