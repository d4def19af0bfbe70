export * from './webhook-deliveries.migrations';
export * from './webhook-delivery-log';
