import { isDatabaseConnectionError } from '@switchboard/event-store';
import { isBusConnectionError } from '@switchboard/messaging';
import { ApiError, isApiError } from '@switchboard/protocol';

/** True when a request failed because PostgreSQL or NATS cannot be reached right now. */
export function isOutage(error: unknown): boolean {
  return !isApiError(error) && (isDatabaseConnectionError(error) || isBusConnectionError(error));
}

/**
 * What a client is told about a failure, on every transport and controller:
 * an {@link ApiError} as it is; an outage of PostgreSQL or NATS as
 * `service_unavailable` (HTTP 503: retry shortly), with no detail of the
 * infrastructure; anything else stays as it is and becomes `internal`.
 */
export function toClientError(error: unknown): unknown {
  if (isOutage(error)) return new ApiError('service_unavailable', 'Service temporarily unavailable, retry shortly');
  return error;
}
