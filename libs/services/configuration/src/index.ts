export * from './configuration.module';
