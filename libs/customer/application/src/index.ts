export * from './customer-commands';
