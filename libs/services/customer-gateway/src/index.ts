export * from './customer-gateway.module';
