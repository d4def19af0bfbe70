export * from './routing-candidates';
