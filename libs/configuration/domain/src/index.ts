export * from './agent';
export * from './auto-access';
export * from './organization';
export * from './roles';
export * from './applications';
