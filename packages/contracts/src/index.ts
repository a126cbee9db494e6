export * from './common.schema.ts';
export * from './documents.schema.ts';
export * from './search.schema.ts';
export * from './runs.schema.ts';
export * from './review.schema.ts';
export * from './entities.schema.ts';
