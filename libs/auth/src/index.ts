export * from './scopes';
export * from './tokens';
export * from './server-secrets';
export * from './personal-access-tokens';
