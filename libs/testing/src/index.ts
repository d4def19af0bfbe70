export * from './services';
export * from './wait';
