export * from './input-limits';
export * from './page-id';
export * from './events';
export * from './customer';
export * from './agent';
export * from './configuration';
export * from './registry';
export * from './properties';
