export * from './routing-candidates';
export * from './router-timers.migrations';
