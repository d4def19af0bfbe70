export * from './agent';
export * from './organization';
export * from './roles';
