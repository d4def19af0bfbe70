export * from './router.module';
export * from './router';
