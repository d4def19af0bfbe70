export * from './bus.port';
export * from './consumer-observer';
export { InProcessBus } from './in-process/in-process-bus';
export type { InProcessBusOptions } from './in-process/in-process-bus';
export { NatsBus } from './nats/nats-bus';
export type { NatsBusOptions } from './nats/nats-bus';
export type { ErrorReporter } from './wire';
export { BusUnavailableError, isBusConnectionError } from './connection-errors';
