export * from './webhook-deliveries.migrations';
