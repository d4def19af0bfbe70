export * from './routing-decision';
