export * from './occurrence-sources';
export * from './occurrences';
export * from './chat-as-of';
