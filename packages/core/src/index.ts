export * from './agreement/index.ts';
export * from './api-types.ts';
export * from './default-guidelines.ts';
export * from './labels.ts';
export * from './offsets.ts';
export * from './schemas.ts';
export { segment } from './segment/index.ts';
export * from './segment-types.ts';
export * from './suggest/index.ts';
