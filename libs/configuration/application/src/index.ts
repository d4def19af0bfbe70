export * from './configuration-commands';
