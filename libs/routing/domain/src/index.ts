export * from './routing-decision';
export * from './routing-settings';
export * from './queue';
