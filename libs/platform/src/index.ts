export * from './settings';
export * from './bootstrap';
export * from './health/health-paths';
export * from './health/readiness';
export * from './infrastructure/infrastructure';
export * from './infrastructure/infrastructure.module';
export * from './infrastructure/tokens';
