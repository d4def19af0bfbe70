export * from './agent';
export * from './auto-access';
export * from './organization';
export * from './roles';
export * from './applications';
export * from './property-rules';
export * from './property-definitions';
export * from './property-values';
