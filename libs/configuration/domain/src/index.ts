export * from './agent';
export * from './organization';
