export * from './router.module';
export * from './router';
export * from './router-needs';
