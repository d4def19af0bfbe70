export * from './ids';
export * from './chat-service';
export * from './views';
export * from './chat-queries';
export * from './chat-actions';
export * from './signal-actions';
export * from './live-signals';
