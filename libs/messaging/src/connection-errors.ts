import { ErrorCode, NatsError } from 'nats';
import { BusTimeoutError, NoRespondersError } from './bus.port';

/** The bus cannot carry the message right now: disconnected, draining or closed. */
export class BusUnavailableError extends Error {
  readonly type = 'service_unavailable';
  constructor(message: string) {
    super(message);
    this.name = 'BusUnavailableError';
  }
}

/** nats.js codes of a connection that is lost, refused, closing or not answering. */
const NATS_CODES = new Set<string>([
  ErrorCode.ConnectionClosed,
  ErrorCode.ConnectionDraining,
  ErrorCode.ConnectionRefused,
  ErrorCode.ConnectionTimeout,
  ErrorCode.Disconnect,
  ErrorCode.Timeout,
  ErrorCode.NoResponders,
]);

/**
 * True when `error` says the bus (NATS, JetStream) or the service behind a
 * request cannot be reached right now — an outage to retry, not a bug.
 */
export function isBusConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof BusUnavailableError || current instanceof BusTimeoutError || current instanceof NoRespondersError) return true;
    if (current instanceof NatsError && NATS_CODES.has(current.code)) return true;
  }
  return false;
}
