export * from './queue-positions';
export * from './queue-rules';
export * from './assignment-rate';
