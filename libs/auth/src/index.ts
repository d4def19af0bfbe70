export * from './scopes';
export * from './tokens';
export * from './server-secrets';
