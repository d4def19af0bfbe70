export * from './ids';
export * from './chat-service';
export * from './views';
export * from './chat-queries';
export * from './chat-actions';
export * from './property-actions';
export * from './property-views';
export * from './property-pushes';
