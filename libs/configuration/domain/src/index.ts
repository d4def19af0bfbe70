export * from './agent';
export * from './organization';
export * from './roles';
export * from './applications';
export * from './bot';
