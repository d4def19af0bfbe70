export * from './event-relay';
export * from './event-relay.module';
export * from './event-relay.worker';
export * from './relay-metrics';
