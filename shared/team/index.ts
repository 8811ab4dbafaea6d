/** The team workspace's pure parts: roles, document names, review events. */
export * from './docs.js';
export * from './roles.js';
export * from './review.js';
export * from './merge.js';
export * from './status.js';
export * from './revisions.js';
